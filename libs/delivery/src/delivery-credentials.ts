import { BasicCredential, HeaderCredential, OAuthClientCredential } from '@herald/contracts';

/** Opens a sealed value (the dispatcher's keyring); throws SecretDecryptionError. */
export type OpenSealed = (sealed: string) => string;

/** `Basic base64(user:password)` (RFC 7617, UTF-8). */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** The header a static credential adds: its own header, or `authorization` for Basic. */
export function staticCredentialHeaders(
  credential: HeaderCredential | BasicCredential,
  open: OpenSealed,
): Record<string, string> {
  if (credential.type === 'header') {
    return { [credential.name.toLowerCase()]: open(credential.value.sealed) };
  }
  return {
    authorization: basicAuthorization(credential.username, open(credential.password.sealed)),
  };
}

/** The token request of the client credentials grant (RFC 6749 section 4.4.2). */
export interface TokenRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** `application/x-www-form-urlencoded` encoding of one value. */
function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

export function tokenRequest(
  credential: OAuthClientCredential,
  clientSecret: string,
): TokenRequest {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (credential.scope) form.set('scope', credential.scope);
  if (credential.audience) form.set('audience', credential.audience);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (credential.clientAuthMethod === 'client_secret_post') {
    form.set('client_id', credential.clientId);
    form.set('client_secret', clientSecret);
  } else {
    // RFC 6749 section 2.3.1: both are form-encoded before the Basic encoding.
    headers.authorization = basicAuthorization(
      formEncode(credential.clientId),
      formEncode(clientSecret),
    );
  }
  return { url: credential.tokenUrl, headers, body: form.toString() };
}

export type TokenAnswer =
  { ok: true; accessToken: string; expiresInMs: number | null } | { ok: false; message: string };

/** An access token Herald can put in a header: RFC 6750's b64token, bounded. */
const ACCESS_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const MAX_ACCESS_TOKEN = 8192;

function excerpt(text: string): string {
  const printable = text.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 200 ? `${printable.slice(0, 200)}...` : printable;
}

/** Reads a token endpoint's answer (RFC 6749 sections 5.1 and 5.2). */
export function readTokenResponse(status: number, body: string): TokenAnswer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const answer =
    typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  if (status < 200 || status > 299) {
    const code = typeof answer.error === 'string' ? ` ${excerpt(answer.error)}` : '';
    const description =
      typeof answer.error_description === 'string' ? `: ${excerpt(answer.error_description)}` : '';
    return {
      ok: false,
      message: `token endpoint answered ${status}${code}${description || (code ? '' : `: ${excerpt(body)}`)}`,
    };
  }
  if (parsed === undefined) return { ok: false, message: 'token endpoint answered no JSON object' };
  const token = answer.access_token;
  if (typeof token !== 'string' || token.length === 0) {
    return { ok: false, message: 'token endpoint answered no access_token' };
  }
  if (token.length > MAX_ACCESS_TOKEN || !ACCESS_TOKEN.test(token)) {
    return { ok: false, message: 'token endpoint answered an access_token unfit for a header' };
  }
  const type = answer.token_type;
  if (type !== undefined && (typeof type !== 'string' || type.toLowerCase() !== 'bearer')) {
    return { ok: false, message: `token_type ${excerpt(String(type))} is not supported (Bearer)` };
  }
  const expires =
    typeof answer.expires_in === 'string' ? Number(answer.expires_in) : answer.expires_in;
  const expiresInMs =
    typeof expires === 'number' && Number.isFinite(expires) && expires > 0 ? expires * 1000 : null;
  return { ok: true, accessToken: token, expiresInMs };
}

/** A token with no `expires_in` is used this long (a 401 still refreshes it sooner). */
export const TOKEN_DEFAULT_LIFETIME_MS = 5 * 60_000;
/** Tokens are renewed this long before they expire (at most a tenth of their lifetime). */
export const TOKEN_EXPIRY_MARGIN_MS = 30_000;

/** How long a fetched token is used: until it expires, minus the margin. */
export function tokenUseMs(expiresInMs: number | null): number {
  const lifetime = expiresInMs ?? TOKEN_DEFAULT_LIFETIME_MS;
  return Math.max(0, lifetime - Math.min(TOKEN_EXPIRY_MARGIN_MS, lifetime / 10));
}

/** What identifies one credential's tokens: a changed secret, URL, client, scope gets new ones. */
export function tokenCacheKey(subscriptionId: string, c: OAuthClientCredential): string {
  return JSON.stringify([
    subscriptionId,
    c.tokenUrl,
    c.clientId,
    c.clientSecret.sealed,
    c.scope,
    c.audience,
    c.clientAuthMethod,
  ]);
}
