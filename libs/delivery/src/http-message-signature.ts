import { KeyObject, constants, createHash, createHmac, randomBytes, sign } from 'crypto';
import { HttpSignatureAlgorithm } from '@herald/contracts';

/** The request as signed: lower-case header names, every header that is sent. */
export interface MessageToSign {
  method: string;
  url: string;
  headers: Readonly<Record<string, string>>;
}

/** Derived components Herald can sign (RFC 9421 section 2.2). */
export const DERIVED_COMPONENTS = [
  '@method',
  '@target-uri',
  '@authority',
  '@scheme',
  '@path',
  '@query',
] as const;

/** What Herald covers unless a subscription says otherwise. */
export const DEFAULT_COMPONENTS: readonly string[] = [
  '@method',
  '@target-uri',
  'content-digest',
  'date',
];

export const HTTP_SIGNATURE_ALGORITHMS: readonly HttpSignatureAlgorithm[] = [
  'ed25519',
  'ecdsa-p256-sha256',
  'rsa-pss-sha512',
  'hmac-sha256',
];

/** A component value cannot be produced (a covered header that is not sent). */
export class SignatureComponentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignatureComponentError';
  }
}

/** RFC 9530 `Content-Digest: sha-256=:<base64>:` (or sha-512). */
export function contentDigest(body: string, algorithm: 'sha-256' | 'sha-512' = 'sha-256'): string {
  const hash = algorithm === 'sha-512' ? 'sha512' : 'sha256';
  return `${algorithm}=:${createHash(hash).update(body).digest('base64')}:`;
}

/** The value of one covered component (section 2.1 for fields, 2.2 for derived ones). */
export function componentValue(component: string, message: MessageToSign): string {
  if (component.startsWith('@')) {
    const url = new URL(message.url);
    switch (component) {
      case '@method':
        return message.method.toUpperCase();
      case '@target-uri':
        return message.url;
      case '@authority':
        return url.host.toLowerCase();
      case '@scheme':
        return url.protocol.slice(0, -1).toLowerCase();
      case '@path':
        return url.pathname || '/';
      case '@query':
        return url.search === '' ? '?' : url.search;
      default:
        throw new SignatureComponentError(`${component} is not a derived component Herald signs`);
    }
  }
  const value = message.headers[component];
  if (value === undefined) {
    throw new SignatureComponentError(`covered header ${component} is not sent`);
  }
  // Section 2.1: leading and trailing whitespace removed, obsolete line folding replaced.
  return value.trim().replace(/\r?\n[ \t]*/g, ' ');
}

/** The signature parameters in Herald's order (section 2.3). */
export interface SignatureParams {
  created: number;
  expires?: number;
  keyid: string;
  alg?: HttpSignatureAlgorithm;
  nonce?: string;
  tag?: string;
}

/** `("@method" "date");created=...;keyid="..."` — the Signature-Input member value. */
export function signatureParamsValue(
  components: readonly string[],
  params: SignatureParams,
): string {
  let value = `(${components.map((c) => `"${c}"`).join(' ')});created=${params.created}`;
  if (params.expires !== undefined) value += `;expires=${params.expires}`;
  value += `;keyid=${sfString(params.keyid)}`;
  if (params.alg !== undefined) value += `;alg="${params.alg}"`;
  if (params.nonce !== undefined) value += `;nonce=${sfString(params.nonce)}`;
  if (params.tag !== undefined) value += `;tag=${sfString(params.tag)}`;
  return value;
}

/** A structured-field string (RFC 8941 section 3.3.3): only `"` and `\` are escaped. */
function sfString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** The signature base (section 2.5): one line per component, then `@signature-params`. */
export function signatureBase(
  components: readonly string[],
  message: MessageToSign,
  paramsValue: string,
): string {
  const lines = components.map((c) => `"${c}": ${componentValue(c, message)}`);
  lines.push(`"@signature-params": ${paramsValue}`);
  return lines.join('\n');
}

/** A key to sign with: a private key for the asymmetric algorithms, the HMAC key bytes else. */
export type SignatureKey = KeyObject | Buffer;

/** The raw signature of a base (section 3.3): ECDSA as r‖s, RSA-PSS with a 64-byte salt. */
export function signBase(
  algorithm: HttpSignatureAlgorithm,
  key: SignatureKey,
  base: string,
): Buffer {
  const data = Buffer.from(base, 'utf8');
  switch (algorithm) {
    case 'hmac-sha256':
      return createHmac('sha256', key).update(data).digest();
    case 'ed25519':
      return sign(null, data, key as KeyObject);
    case 'ecdsa-p256-sha256':
      return sign('sha256', data, { key: key as KeyObject, dsaEncoding: 'ieee-p1363' });
    case 'rsa-pss-sha512':
      return sign('sha512', data, {
        key: key as KeyObject,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: 64,
      });
  }
}

export interface HttpMessageSigner {
  keyId: string;
  key: SignatureKey;
}

export interface HttpMessageSignatureInput {
  message: MessageToSign;
  now: Date;
  algorithm: HttpSignatureAlgorithm;
  components: readonly string[];
  /** One labelled signature each (`sig1`, `sig2`, ...): a rotation overlap gives two. */
  signers: readonly HttpMessageSigner[];
  expiresInSeconds?: number | null;
  nonce?: boolean;
  tag?: string | null;
}

/**
 * RFC 9421 HTTP Message Signatures: the `Signature-Input` and `Signature` headers over the
 * covered components of `message` (which must already carry every covered header).
 */
export function signHttpMessage(input: HttpMessageSignatureInput): Record<string, string> {
  const created = Math.floor(input.now.getTime() / 1000);
  const inputs: string[] = [];
  const signatures: string[] = [];
  input.signers.forEach((signer, i) => {
    const label = `sig${i + 1}`;
    const params = signatureParamsValue(input.components, {
      created,
      ...(input.expiresInSeconds ? { expires: created + input.expiresInSeconds } : {}),
      keyid: signer.keyId,
      alg: input.algorithm,
      ...(input.nonce ? { nonce: randomBytes(16).toString('base64url') } : {}),
      ...(input.tag ? { tag: input.tag } : {}),
    });
    const base = signatureBase(input.components, input.message, params);
    const value = signBase(input.algorithm, signer.key, base).toString('base64');
    inputs.push(`${label}=${params}`);
    signatures.push(`${label}=:${value}:`);
  });
  return { 'signature-input': inputs.join(', '), signature: signatures.join(', ') };
}
