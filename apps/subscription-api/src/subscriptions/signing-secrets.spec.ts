import { generateSecret, rotateSecrets, secretHint } from './signing-secrets';

describe('signing secrets', () => {
  it('generates whsec_ secrets of 32 random bytes', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateSecret()).not.toBe(secret);
    expect(secretHint(secret)).toBe(`${secret.slice(0, 10)}…`);
  });

  it('keeps the old secret until the overlap ends and drops expired ones', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const rotated = rotateSecrets(
      [
        { secret: 'whsec_old', expiresAt: null },
        { secret: 'whsec_older', expiresAt: '2025-12-31T00:00:00.000Z' },
      ],
      'whsec_new',
      now,
      3_600_000,
    );
    expect(rotated).toEqual([
      { secret: 'whsec_new', expiresAt: null },
      { secret: 'whsec_old', expiresAt: '2026-01-01T01:00:00.000Z' },
    ]);
  });
});
