import { randomBytes } from 'crypto';
import { SecretBox, SecretDecryptionError, sealedKeyId, secretFingerprint } from './secret-box';
import { SigningKeyring } from './signing-secret';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };

describe('SecretBox', () => {
  it('seals with the first key into a prefixed value that holds nothing of the secret', () => {
    const sealed = new SecretBox([k1, k2]).seal(SECRET);
    expect(sealed).toMatch(/^hsk1:k1:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(SECRET.slice(6, 14));
    expect(sealedKeyId(sealed)).toBe('k1');
    expect(new SecretBox([k1]).seal(SECRET)).not.toBe(sealed); // a fresh IV each time
  });

  it('opens values sealed with any configured key (rotation: new key first, old one kept)', () => {
    const old = new SecretBox([k1]).seal(SECRET);
    const rotated = new SecretBox([k2, k1]);
    expect(rotated.open(old)).toBe(SECRET);
    expect(rotated.open(rotated.seal(SECRET))).toBe(SECRET);
    expect(sealedKeyId(rotated.seal(SECRET))).toBe('k2');
  });

  it('refuses a missing key, a different key under the same id and altered data, naming the key id only', () => {
    const sealed = new SecretBox([k1]).seal(SECRET);
    const errors = [
      () => new SecretBox([k2]).open(sealed),
      () => new SecretBox([{ id: 'k1', key: randomBytes(32) }]).open(sealed),
      () => new SecretBox([k1]).open(sealed.slice(0, -2) + (sealed.endsWith('AA') ? 'BB' : 'AA')),
      () => new SecretBox([k1, k2]).open(sealed.replace('hsk1:k1:', 'hsk1:k2:')),
      () => new SecretBox([k1]).open(SECRET),
    ].map((open) => {
      try {
        open();
      } catch (error) {
        return error as Error;
      }
      throw new Error('opened');
    });
    for (const error of errors) {
      expect(error).toBeInstanceOf(SecretDecryptionError);
      expect(error.message).not.toContain(SECRET.slice(6));
      expect(error.message).not.toContain(k1.key.toString('base64'));
    }
    expect(errors[0].message).toMatch(/key "k1", which HERALD_SECRETS_KEYS does not have/);
    expect(errors[1].message).toMatch(/does not open with the HERALD_SECRETS_KEYS key/);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => new SecretBox([{ id: 'short', key: randomBytes(16) }])).toThrow(/32 bytes/);
  });

  it('fingerprints with the first 8 bytes of SHA-256, stable and distinct', () => {
    expect(secretFingerprint(SECRET)).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(secretFingerprint(SECRET)).toBe(secretFingerprint(SECRET));
    expect(secretFingerprint(SECRET + 'x')).not.toBe(secretFingerprint(SECRET));
  });
});

describe('SigningKeyring', () => {
  it('opens each sealed value once', () => {
    const box = new SecretBox([k1]);
    let opens = 0;
    const counting = Object.assign(Object.create(box) as SecretBox, {
      open: (s: string) => {
        opens++;
        return box.open(s);
      },
    });
    const keyring = new SigningKeyring(counting);
    const sealed = box.seal(SECRET);
    expect(keyring.open(sealed)).toBe(SECRET);
    expect(keyring.open(sealed)).toBe(SECRET);
    expect(opens).toBe(1);
  });
});
