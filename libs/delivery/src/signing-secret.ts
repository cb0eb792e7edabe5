import { KeyObject, createPrivateKey } from 'crypto';
import { SigningSecret } from '@herald/contracts';
import { SecretBox } from './secret-box';

export const SECRET_PREFIX = 'whsec_';

/** Decoded keys kept (one per secret in use; starts over beyond it). */
const KEYS_KEPT = 10_000;
const decodedKeys = new Map<string, Buffer>();

/**
 * The HMAC key of a `whsec_<base64>` secret (the bytes after the prefix, base64-decoded).
 * Every delivery signs with its subscription's secret, so each is decoded once and kept; the
 * key is only read (by `createHmac`), never handed out to be changed.
 */
export function secretKey(secret: string): Buffer {
  const known = decodedKeys.get(secret);
  if (known) return known;
  if (!secret.startsWith(SECRET_PREFIX)) {
    throw new Error(`signing secret must start with "${SECRET_PREFIX}"`);
  }
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  if (key.length === 0) throw new Error('signing secret has an empty key');
  if (decodedKeys.size >= KEYS_KEPT) decodedKeys.clear();
  decodedKeys.set(secret, key);
  return key;
}

/**
 * The sealed secrets to sign with now: every secret not yet expired (a rotation overlap gives
 * two). If every secret has expired, the one that expired last is used, so nothing goes out
 * unsigned.
 */
export function activeSecrets(secrets: readonly SigningSecret[], now: Date): string[] {
  if (secrets.length === 0) throw new Error('subscription has no signing secret');
  const valid = secrets.filter(
    (s) => s.expiresAt === null || Date.parse(s.expiresAt) > now.getTime(),
  );
  if (valid.length > 0) return valid.map((s) => s.sealed);
  const latest = [...secrets].sort(
    (a, b) => Date.parse(b.expiresAt ?? '') - Date.parse(a.expiresAt ?? ''),
  )[0];
  return [latest.sealed];
}

/** Opens sealed signing secrets for the signer, each once (AES-GCM per delivery would add up). */
export class SigningKeyring {
  private readonly opened = new Map<string, string>();

  constructor(
    private readonly box: SecretBox,
    private readonly maxEntries = KEYS_KEPT,
  ) {}

  /** The `whsec_` secret of a sealed value; throws `SecretDecryptionError` (no secret in it). */
  open(sealed: string): string {
    const known = this.opened.get(sealed);
    if (known !== undefined) return known;
    const plain = this.box.open(sealed);
    if (this.opened.size >= this.maxEntries) this.opened.clear();
    this.opened.set(sealed, plain);
    return plain;
  }

  private readonly privateKeys = new Map<string, KeyObject>();

  /** The private key of a sealed PKCS#8 PEM (parsed once; a KeyObject never prints its bytes). */
  privateKey(sealed: string): KeyObject {
    const known = this.privateKeys.get(sealed);
    if (known) return known;
    const key = createPrivateKey(this.box.open(sealed));
    if (this.privateKeys.size >= this.maxEntries) this.privateKeys.clear();
    this.privateKeys.set(sealed, key);
    return key;
  }
}
