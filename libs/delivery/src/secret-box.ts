import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'crypto';

/** One key of `HERALD_SECRETS_KEYS`: an id (written into every ciphertext) and 32 bytes. */
export interface SecretsKey {
  id: string;
  key: Buffer;
}

/** Version prefix of a sealed value: `hsk1:<key id>:<base64url(iv | ciphertext | tag)>`. */
export const SEALED_PREFIX = 'hsk1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SECRETS_KEY_BYTES = 32;

/** A sealed value that cannot be opened. The message names the key id, never the secret. */
export class SecretDecryptionError extends Error {
  constructor(
    message: string,
    readonly keyId: string | undefined,
  ) {
    super(message);
    this.name = 'SecretDecryptionError';
  }
}

/**
 * Authenticated encryption of secrets at rest (AES-256-GCM, a fresh 96-bit IV per value). The
 * first key seals; every key opens, so a new key can be put first while values sealed with the
 * previous one stay readable until they are resealed. The prefix and key id are authenticated
 * too (additional data), so a value cannot be relabelled to another key.
 */
export class SecretBox {
  private readonly keys: ReadonlyMap<string, Buffer>;
  readonly currentKeyId: string;

  constructor(keys: readonly SecretsKey[]) {
    if (keys.length === 0) throw new Error('SecretBox needs at least one key');
    for (const k of keys) {
      if (k.key.length !== SECRETS_KEY_BYTES) {
        throw new Error(`secrets key "${k.id}" must be ${SECRETS_KEY_BYTES} bytes`);
      }
    }
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
    this.currentKeyId = keys[0].id;
  }

  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(additionalData(this.currentKeyId));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${SEALED_PREFIX}:${this.currentKeyId}:${Buffer.concat([iv, body]).toString('base64url')}`;
  }

  open(sealed: string): string {
    const parts = sealed.split(':');
    if (parts.length !== 3 || parts[0] !== SEALED_PREFIX) {
      throw new SecretDecryptionError(
        `not a sealed secret (expected "${SEALED_PREFIX}:<key id>:...")`,
        undefined,
      );
    }
    const [, keyId, encoded] = parts;
    const key = this.keys.get(keyId);
    if (!key) {
      throw new SecretDecryptionError(
        `secret sealed with key "${keyId}", which HERALD_SECRETS_KEYS does not have (keys: ${this.keyIds.join(', ')})`,
        keyId,
      );
    }
    const raw = Buffer.from(encoded, 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) {
      throw new SecretDecryptionError(`secret sealed with key "${keyId}" is truncated`, keyId);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(additionalData(keyId));
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      return Buffer.concat([
        decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new SecretDecryptionError(
        `secret sealed with key "${keyId}" does not open with the HERALD_SECRETS_KEYS key of that id (a different key under the same id, or altered data)`,
        keyId,
      );
    }
  }
}

function additionalData(keyId: string): Buffer {
  return Buffer.from(`${SEALED_PREFIX}:${keyId}`, 'utf8');
}

/** The key id a sealed value names, or undefined when it is not one. */
export function sealedKeyId(sealed: string): string | undefined {
  const parts = sealed.split(':');
  return parts.length === 3 && parts[0] === SEALED_PREFIX ? parts[1] : undefined;
}

/**
 * What views show of a secret: the first 8 bytes of its SHA-256, in hex. Enough to tell secrets
 * apart and to check which one a receiver holds; nothing of the secret's characters.
 */
export function secretFingerprint(plain: string): string {
  return `sha256:${createHash('sha256').update(plain, 'utf8').digest('hex').slice(0, 16)}`;
}
