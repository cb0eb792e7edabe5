import { randomBytes } from 'crypto';
import { SigningSecret } from '@herald/contracts';

export const DEFAULT_ROTATION_OVERLAP_MS = 24 * 3_600_000;

/** A Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function generateSecret(bytes = 32): string {
  return `whsec_${randomBytes(bytes).toString('base64')}`;
}

/**
 * A rotation: the new secret becomes current, the previous current one keeps signing until
 * `now + overlapMs` (receivers see both signatures meanwhile), expired ones are dropped.
 */
export function rotateSecrets(
  secrets: readonly SigningSecret[],
  fresh: string,
  now: Date,
  overlapMs: number,
): SigningSecret[] {
  const expiresAt = new Date(now.getTime() + overlapMs).toISOString();
  const kept = secrets
    .map((s) => (s.expiresAt === null ? { ...s, expiresAt } : s))
    .filter((s) => Date.parse(s.expiresAt!) > now.getTime());
  return [{ secret: fresh, expiresAt: null }, ...kept];
}

/** What the API shows of a secret after creation: enough to tell secrets apart. */
export function secretHint(secret: string): string {
  return `${secret.slice(0, 10)}…`;
}
