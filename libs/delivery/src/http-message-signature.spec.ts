import { createHmac } from 'crypto';
import { contentDigest, signHttpMessage } from './http-message-signature';
import { secretKey } from './signing-secret';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** An independent verifier written from RFC 9421 section 2.5 and 3.3.3. */
function verify(
  headers: Record<string, string>,
  method: string,
  url: string,
  body: string,
  secret: string,
): boolean {
  const input = /^sig1=(.*)$/.exec(headers['signature-input'].split(', ')[0])![1];
  const base = [
    `"@method": ${method}`,
    `"@target-uri": ${url}`,
    `"content-digest": ${contentDigest(body)}`,
    `"date": ${headers.date}`,
    `"@signature-params": ${input}`,
  ].join('\n');
  const expected = createHmac('sha256', secretKey(secret)).update(base).digest('base64');
  return headers.signature.split(', ')[0] === `sig1=:${expected}:`;
}

describe('RFC 9421 HTTP Message Signatures', () => {
  const now = new Date('2026-03-01T10:00:00Z');
  const url = 'https://hooks.example.com/herald?x=1';
  const body = '{"a":1}';

  it('covers @method, @target-uri, content-digest and date with hmac-sha256', () => {
    const headers = signHttpMessage({
      method: 'post',
      url,
      body,
      now,
      secrets: [SECRET],
      keyId: 'sub_1',
    });
    expect(headers['signature-input']).toBe(
      'sig1=("@method" "@target-uri" "content-digest" "date");created=1772359200;keyid="sub_1";alg="hmac-sha256"',
    );
    expect(headers.date).toBe('Sun, 01 Mar 2026 10:00:00 GMT');
    expect(verify(headers, 'POST', url, body, SECRET)).toBe(true);
  });

  it('computes Content-Digest as in RFC 9530 (its example vector)', () => {
    expect(contentDigest('{"hello": "world"}')).toBe(
      'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:',
    );
  });

  it('does not verify for another body, URL or secret', () => {
    const headers = signHttpMessage({
      method: 'POST',
      url,
      body,
      now,
      secrets: [SECRET],
      keyId: 'k',
    });
    expect(verify(headers, 'POST', url, '{"a":2}', SECRET)).toBe(false);
    expect(verify(headers, 'POST', 'https://evil.example.com/', body, SECRET)).toBe(false);
    expect(verify(headers, 'POST', url, body, 'whsec_b3RoZXI=')).toBe(false);
  });

  it('labels one signature per secret', () => {
    const headers = signHttpMessage({
      method: 'POST',
      url,
      body,
      now,
      secrets: [SECRET, 'whsec_b3RoZXI='],
      keyId: 'k',
    });
    expect(headers.signature).toMatch(/^sig1=:[^:]+:, sig2=:[^:]+:$/);
    expect(headers['signature-input'].split(', ')).toHaveLength(2);
  });
});
