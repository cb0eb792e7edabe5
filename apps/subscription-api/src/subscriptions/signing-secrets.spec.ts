import { randomBytes } from 'crypto';
import { SecretBox, secretFingerprint } from '@herald/delivery';
import { generateSecret, rotateSecrets, sealSecret } from './signing-secrets';

describe('signing secrets', () => {
  it('generates whsec_ secrets of 32 random bytes', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateSecret()).not.toBe(secret);
  });

  it('seals a secret with its fingerprint; the stored form holds nothing of the secret', () => {
    const box = new SecretBox([{ id: 'k1', key: randomBytes(32) }]);
    const secret = generateSecret();
    const stored = sealSecret(box, secret);
    expect(stored.fingerprint).toBe(secretFingerprint(secret));
    expect(JSON.stringify(stored)).not.toContain(secret.slice(6, 16));
    expect(box.open(stored.sealed)).toBe(secret);
  });

  it('keeps the old secret until the overlap ends and drops expired ones', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const at = (sealed: string, expiresAt: string | null) => ({
      sealed,
      fingerprint: 'f',
      expiresAt,
    });
    const rotated = rotateSecrets(
      [at('old', null), at('older', '2025-12-31T00:00:00.000Z')],
      at('new', null),
      now,
      3_600_000,
    );
    expect(rotated).toEqual([at('new', null), at('old', '2026-01-01T01:00:00.000Z')]);
  });

  it('keeps at most two secrets signing, however often a tenant rotates', () => {
    let secrets = [{ sealed: 's0', fingerprint: 'f', expiresAt: null as string | null }];
    for (let i = 1; i <= 50; i++) {
      const now = new Date(Date.parse('2026-01-01T00:00:00Z') + i * 1_000);
      secrets = rotateSecrets(
        secrets,
        { sealed: `s${i}`, fingerprint: 'f', expiresAt: null },
        now,
        7 * 86_400_000,
      );
      expect(secrets.map((s) => s.sealed)).toEqual([`s${i}`, `s${i - 1}`]);
      expect(secrets.filter((s) => s.expiresAt === null)).toHaveLength(1);
    }
  });
});
