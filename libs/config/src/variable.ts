import { isIP } from 'net';

/** One environment variable: its meaning, default, whether it is secret, and how to read it. */
export interface Variable<T> {
  description: string;
  /** The default as it would be written in the environment; undefined = required. */
  default: string | undefined;
  sensitive: boolean;
  parse(raw: string): T;
}

export type Schema = Record<string, Variable<unknown>>;
export type ConfigOf<S extends Schema> = {
  [K in keyof S]: S[K] extends Variable<infer T> ? T : never;
};

interface Options {
  description: string;
  default?: string;
  sensitive?: boolean;
}

function variable<T>(opts: Options, parse: (raw: string) => T): Variable<T> {
  return {
    description: opts.description,
    default: opts.default,
    sensitive: opts.sensitive ?? false,
    parse,
  };
}

export const str = (opts: Options) =>
  variable(opts, (raw) => {
    if (raw.length === 0) throw new Error('must not be empty');
    return raw;
  });

export const optionalStr = (opts: Options) =>
  variable<string | undefined>(opts, (raw) => raw || undefined);

export const int = (opts: Options & { min?: number; max?: number }) =>
  variable(opts, (raw) => {
    if (!/^-?\d+$/.test(raw.trim())) throw new Error(`must be an integer, got "${raw}"`);
    const value = Number(raw);
    if (opts.min !== undefined && value < opts.min) throw new Error(`must be >= ${opts.min}`);
    if (opts.max !== undefined && value > opts.max) throw new Error(`must be <= ${opts.max}`);
    return value;
  });

export const port = (opts: Options) => int({ ...opts, min: 0, max: 65_535 });

/** A listen address: an IPv4 or IPv6 address (`127.0.0.1`, `0.0.0.0`, `::`). */
export const listenHost = (opts: Options) =>
  variable(opts, (raw) => {
    const host = raw.trim();
    if (isIP(host) === 0)
      throw new Error(`must be an IP address such as 127.0.0.1 or 0.0.0.0, got "${raw}"`);
    return host;
  });

export const bool = (opts: Options) =>
  variable(opts, (raw) => {
    const value = raw.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(value)) return true;
    if (['0', 'false', 'no', 'off'].includes(value)) return false;
    throw new Error(`must be true or false, got "${raw}"`);
  });

export const oneOf = <T extends string>(allowed: readonly T[], opts: Options) =>
  variable(opts, (raw) => {
    if (!(allowed as readonly string[]).includes(raw)) {
      throw new Error(`must be one of ${allowed.join(', ')}, got "${raw}"`);
    }
    return raw as T;
  });

export const list = (opts: Options) =>
  variable(opts, (raw) =>
    raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

export const url = (opts: Options & { protocols: string[] }) =>
  variable(opts, (raw) => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new Error('must be a URL');
    }
    if (!opts.protocols.includes(parsed.protocol)) {
      throw new Error(`must use ${opts.protocols.join(' or ')}`);
    }
    return raw;
  });

/** A parse error whose message never quotes the value: shown even for sensitive variables. */
export class ValueFreeError extends Error {}

/** One key of `HERALD_SECRETS_KEYS`. */
export interface SecretsKeyConfig {
  id: string;
  key: Buffer;
}

const SECRETS_KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Encryption keys as `id:base64key,id:base64key` (each key 32 bytes): the first seals, all
 * open. Errors name the key id, never key material.
 */
export const secretsKeys = (opts: Options) =>
  variable<SecretsKeyConfig[]>(opts, (raw) => {
    const entries = raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
    if (entries.length === 0) throw new ValueFreeError('must hold at least one id:base64key');
    const keys = entries.map((entry, i) => {
      const colon = entry.indexOf(':');
      const id = colon < 0 ? '' : entry.slice(0, colon);
      if (!SECRETS_KEY_ID.test(id)) {
        throw new ValueFreeError(
          `entry ${i + 1} must be id:base64key with an id of 1-32 letters, digits, _ or -`,
        );
      }
      const encoded = entry.slice(colon + 1);
      const key = Buffer.from(encoded, 'base64');
      if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded) || key.length !== 32) {
        throw new ValueFreeError(
          `key "${id}" must be 32 bytes in base64 (openssl rand -base64 32)`,
        );
      }
      return { id, key };
    });
    const ids = keys.map((k) => k.id);
    const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
    if (repeated) throw new ValueFreeError(`key id "${repeated}" appears twice`);
    return keys;
  });
