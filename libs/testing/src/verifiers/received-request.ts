import { JsonWebKey } from 'crypto';

/** A webhook request as a receiver sees it: the URL posted to, lower-case headers, raw body. */
export interface ReceivedRequest {
  method: string;
  /** The URL Herald posted to (scheme, host and port as subscribed, path and query). */
  url: string;
  headers: Record<string, string>;
  rawBody: string;
}

/** A JWK Set as Herald publishes it (`kid` = the `keyid` it signs with). */
export interface Jwks {
  keys: (JsonWebKey & { kid?: string })[];
}

/** The outcome of one scheme's check: which keys made a signature that verified, or why not. */
export type Verification = { valid: true; keyIds: string[] } | { valid: false; reason: string };

/** Refuses a request at or past this many seconds from the receiver's clock (Standard Webhooks'). */
export const TOLERANCE_SECONDS = 300;

export const refused = (reason: string): Verification => ({ valid: false, reason });

/** The document at `url` (Herald's unauthenticated JWKS endpoint); no keys when unreachable. */
export async function fetchJwks(url: string): Promise<Jwks> {
  try {
    const response = await fetch(url);
    if (!response.ok) return { keys: [] };
    const body = (await response.json()) as Partial<Jwks>;
    return { keys: Array.isArray(body.keys) ? body.keys : [] };
  } catch {
    return { keys: [] };
  }
}
