import { REDACTED, redactedHeaders } from './sent-request';

describe('redactedHeaders', () => {
  it('redacts Authorization, Proxy-Authorization and Cookie in any case, and named credentials', () => {
    const sent = {
      Authorization: 'Basic aGVyYWxkOng=',
      'proxy-authorization': 'Bearer p',
      COOKIE: 'a=b',
      'x-api-key': 'k-1',
      'webhook-signature': 'v1,abc',
      'content-type': 'application/json',
    };
    expect(redactedHeaders(sent, ['x-api-key'])).toEqual({
      Authorization: REDACTED,
      'proxy-authorization': REDACTED,
      COOKIE: REDACTED,
      'x-api-key': REDACTED,
      'webhook-signature': 'v1,abc',
      'content-type': 'application/json',
    });
    expect(sent.Authorization).toBe('Basic aGVyYWxkOng='); // what is sent is left alone
  });

  it('returns the headers sent as they are when nothing is a credential (no copy)', () => {
    const sent = { 'webhook-id': 'msg_1', 'x-trace': 't' };
    expect(redactedHeaders(sent)).toBe(sent);
    expect(redactedHeaders(sent, ['x-api-key'])).toBe(sent);
  });
});
