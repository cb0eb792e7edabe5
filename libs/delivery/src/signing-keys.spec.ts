import { createPrivateKey, createPublicKey, sign, verify } from 'crypto';
import { SealedSigningKey } from '@herald/contracts';
import { activeKeys, generateSigningKey, publicJwkOf, signingKeyTypeOf } from './signing-keys';

describe('signing keys', () => {
  it.each(['ed25519', 'ecdsa-p256', 'rsa'] as const)(
    'generates %s pairs whose JWK verifies what the private key signs',
    async (type) => {
      const pair = await generateSigningKey(type);
      const key = createPrivateKey(pair.privatePem);
      expect(signingKeyTypeOf(key)).toBe(type);
      const data = Buffer.from('herald');
      const algorithm = type === 'ed25519' ? null : 'sha256';
      const signature = sign(algorithm, data, key);
      const fromJwk = createPublicKey({ key: pair.publicJwk as never, format: 'jwk' });
      expect(verify(algorithm, data, fromJwk, signature)).toBe(true);
      expect(JSON.stringify(pair.publicJwk)).not.toMatch(/"(d|p|q|dp|dq|qi)"/);
    },
  );

  it('publishes kid, use and alg beside the key members', async () => {
    const { privatePem } = await generateSigningKey('ed25519');
    const jwk = publicJwkOf(createPrivateKey(privatePem), 'hk_1');
    expect(jwk).toEqual({
      kid: 'hk_1',
      use: 'sig',
      alg: 'EdDSA',
      kty: 'OKP',
      crv: 'Ed25519',
      x: expect.any(String),
    });
  });

  it('signs with every key of a kind in its overlap, newest first; the last one once all expired', () => {
    const now = new Date('2026-12-02T10:00:00Z');
    const key = (kid: string, type: SealedSigningKey['type'], expiresAt: string | null) => ({
      kid,
      type,
      sealed: `sealed-${kid}`,
      expiresAt,
    });
    const keys = [
      key('old', 'ed25519', '2026-12-02T11:00:00Z'),
      key('new', 'ed25519', null),
      key('rsa', 'rsa', null),
      key('gone', 'ed25519', '2026-12-01T00:00:00Z'),
    ];
    expect(activeKeys(keys, 'ed25519', now).map((k) => k.kid)).toEqual(['new', 'old']);
    expect(activeKeys(keys, 'rsa', now).map((k) => k.kid)).toEqual(['rsa']);
    expect(activeKeys(keys, 'ecdsa-p256', now)).toEqual([]);
    const later = new Date('2026-12-03T00:00:00Z');
    expect(activeKeys([keys[0], keys[3]], 'ed25519', later).map((k) => k.kid)).toEqual(['old']);
  });
});
