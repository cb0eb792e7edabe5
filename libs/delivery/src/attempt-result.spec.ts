import { classifyNetworkError } from './attempt-result';

const err = (code: string, cause?: unknown) => Object.assign(new Error(code), { code, cause });

describe('classifyNetworkError', () => {
  it.each([
    [err('ENOTFOUND'), 'dns'],
    [err('ECONNREFUSED'), 'connection'],
    [err('UND_ERR_CONNECT_TIMEOUT'), 'timeout'],
    [err('UND_ERR_HEADERS_TIMEOUT'), 'timeout'],
    [err('DEPTH_ZERO_SELF_SIGNED_CERT'), 'tls'],
    [err('ERR_TLS_CERT_ALTNAME_INVALID'), 'tls'],
    [err('HERALD_SSRF'), 'ssrf'],
    [Object.assign(new Error('fetch failed'), { cause: err('ECONNRESET') }), 'connection'],
    [Object.assign(new Error('aborted'), { name: 'TimeoutError' }), 'timeout'],
    [new Error('mystery'), 'connection'],
  ])('%s -> %s', (error, expected) => {
    expect(classifyNetworkError(error)).toBe(expected);
  });
});
