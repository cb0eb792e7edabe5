import { randomBytes } from 'crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname } from 'path';

/** The embedded stack's admin token: generated once, kept (mode 600) so restarts reuse it. */
export function loadOrCreateAdminToken(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const token = `hadm_${randomBytes(24).toString('base64url')}`;
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

/**
 * The embedded stack's `HERALD_SECRETS_KEYS` (the key that seals signing secrets at rest):
 * generated once as `local1:<32 random bytes, base64>` and kept (mode 600), like the admin token.
 * Losing it makes the stored signing secrets unreadable.
 */
export function loadOrCreateSecretsKeys(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const keys = `local1:${randomBytes(32).toString('base64')}`;
  writeFileSync(file, `${keys}\n`, { mode: 0o600 });
  return keys;
}
