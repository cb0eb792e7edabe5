import { SigningSecret } from '@herald/contracts';

export const SECRET_PREFIX = 'whsec_';

/** The HMAC key of a `whsec_<base64>` secret (the bytes after the prefix, base64-decoded). */
export function secretKey(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) {
    throw new Error(`signing secret must start with "${SECRET_PREFIX}"`);
  }
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  if (key.length === 0) throw new Error('signing secret has an empty key');
  return key;
}

/**
 * The secrets to sign with now: every secret not yet expired (a rotation overlap gives two).
 * If every secret has expired, the one that expired last is used, so nothing goes out unsigned.
 */
export function activeSecrets(secrets: readonly SigningSecret[], now: Date): string[] {
  if (secrets.length === 0) throw new Error('subscription has no signing secret');
  const valid = secrets.filter(
    (s) => s.expiresAt === null || Date.parse(s.expiresAt) > now.getTime(),
  );
  if (valid.length > 0) return valid.map((s) => s.secret);
  const latest = [...secrets].sort(
    (a, b) => Date.parse(b.expiresAt ?? '') - Date.parse(a.expiresAt ?? ''),
  )[0];
  return [latest.secret];
}
