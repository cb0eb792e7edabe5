import { KeyObject, constants, createHash, sign } from 'crypto';
import { CavageSignatureOptions } from '@herald/contracts';
import { MessageToSign, SignatureComponentError } from './http-message-signature';

/** The Copernica documentation's signed headers (its account-id header is `X-Copernica-ID`). */
export const COPERNICA_CAVAGE_HEADERS: readonly string[] = [
  '(request-target)',
  'host',
  'date',
  'x-copernica-id',
  'digest',
];

/** What Herald signs for a cavage receiver unless told otherwise. */
export const DEFAULT_CAVAGE_HEADERS: readonly string[] = [
  '(request-target)',
  'host',
  'date',
  'digest',
];

/** `(expires)` = `(created)` + this, when signed. */
export const CAVAGE_EXPIRES_SECONDS = 300;

/** RFC 3230 `Digest: SHA-256=<base64>`, what draft-cavage receivers check the body against. */
export function bodyDigest(body: string): string {
  return `SHA-256=${createHash('sha256').update(body).digest('base64')}`;
}

/** The draft's signing string: one `name: value` line per signed header, in order. */
export function cavageSigningString(
  headers: readonly string[],
  message: MessageToSign,
  created: number,
  expires: number | undefined,
): string {
  return headers
    .map((name) => {
      switch (name) {
        case '(request-target)': {
          const url = new URL(message.url);
          return `(request-target): ${message.method.toLowerCase()} ${url.pathname}${url.search}`;
        }
        case '(created)':
          return `(created): ${created}`;
        case '(expires)':
          return `(expires): ${expires}`;
        case 'host':
          return `host: ${message.headers.host ?? new URL(message.url).host}`;
        default: {
          const value = message.headers[name];
          if (value === undefined)
            throw new SignatureComponentError(`signed header ${name} is not sent`);
          return `${name}: ${value.trim()}`;
        }
      }
    })
    .join('\n');
}

/**
 * draft-cavage-http-signatures-12: `Signature: keyId="...",algorithm="...",headers="...",
 * signature="..."`. `rsa-sha256` is RSASSA-PKCS1-v1_5 with SHA-256; `hs2019` is RSASSA-PSS with
 * SHA-512 (what cavage verifiers such as the `http-message-signatures` package expect of it).
 * One key: the header has room for one signature.
 */
export function signCavage(input: {
  message: MessageToSign;
  now: Date;
  options: CavageSignatureOptions;
  keyId: string;
  key: KeyObject;
}): Record<string, string> {
  const created = Math.floor(input.now.getTime() / 1000);
  const headers = input.options.headers;
  const expires = headers.includes('(expires)') ? created + CAVAGE_EXPIRES_SECONDS : undefined;
  const data = Buffer.from(cavageSigningString(headers, input.message, created, expires), 'utf8');
  const signature =
    input.options.algorithm === 'rsa-sha256'
      ? sign('sha256', data, { key: input.key, padding: constants.RSA_PKCS1_PADDING })
      : sign('sha512', data, {
          key: input.key,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: 64,
        });
  const parts = [`keyId="${input.keyId}"`, `algorithm="${input.options.algorithm}"`];
  if (headers.includes('(created)')) parts.push(`created=${created}`);
  if (expires !== undefined) parts.push(`expires=${expires}`);
  parts.push(`headers="${headers.join(' ')}"`, `signature="${signature.toString('base64')}"`);
  return { signature: parts.join(',') };
}
