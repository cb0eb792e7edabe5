import { randomBytes } from 'crypto';
import { SigningSecret } from '@herald/contracts';
import { SecretBox, secretFingerprint } from '@herald/delivery';

export const DEFAULT_ROTATION_OVERLAP_MS = 24 * 3_600_000;

/** A Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function generateSecret(bytes = 32): string {
  return `whsec_${randomBytes(bytes).toString('base64')}`;
}

/** A `whsec_` secret as it is stored and published: sealed, with its fingerprint. */
export function sealSecret(
  box: SecretBox,
  plain: string,
  expiresAt: string | null = null,
): SigningSecret {
  return { sealed: box.seal(plain), fingerprint: secretFingerprint(plain), expiresAt };
}

/**
 * A rotation: the new secret becomes current, the previous current one keeps signing until
 * `now + overlapMs` (receivers see both signatures meanwhile), and any secret still in the
 * overlap of an earlier rotation stops now: at most two secrets sign, however often a tenant
 * rotates (each one is a signature on every request and bytes on every changelog record).
 */
export function rotateSecrets(
  secrets: readonly SigningSecret[],
  fresh: SigningSecret,
  now: Date,
  overlapMs: number,
): SigningSecret[] {
  const expiresAt = new Date(now.getTime() + overlapMs).toISOString();
  const previous = secrets.filter((s) => s.expiresAt === null).map((s) => ({ ...s, expiresAt }));
  return [{ ...fresh, expiresAt: null }, ...previous];
}
