import {
  CavageSignatureOptions,
  HttpMessageSignatureOptions,
  SigningOptions,
  SigningScheme,
  Subscription,
} from '@herald/contracts';
import {
  DEFAULT_CAVAGE_HEADERS,
  DEFAULT_COMPONENTS,
  DERIVED_COMPONENTS,
  signingOptionsOf,
} from '@herald/delivery';
import { FieldIssue } from '../http/problem';

/** What a tenant stores of the signing options: everything but the key pairs (Herald's). */
export type SigningChoice = Omit<SigningOptions, 'keys'>;

/** `signing.options.httpMessageSignatures` as sent: the algorithm, the rest defaulted. */
export type HttpMessageSignatureInput = Pick<HttpMessageSignatureOptions, 'algorithm'> &
  Partial<HttpMessageSignatureOptions>;
export type CavageSignatureInput = Pick<CavageSignatureOptions, 'algorithm'> &
  Partial<CavageSignatureOptions>;

/** `signing.options` as sent (already checked against its JSON Schema). */
export interface SigningOptionsInput {
  standardWebhooks?: { symmetric?: boolean; asymmetric?: boolean };
  httpMessageSignatures?: HttpMessageSignatureInput | null;
  cavage?: CavageSignatureInput | null;
  keyScope?: 'tenant' | 'subscription';
}

/** `signing` as sent on POST and PATCH. */
export interface SigningInput {
  scheme?: SigningScheme;
  /** null = back to the scheme alone (what subscriptions made before options sign with). */
  options?: SigningOptionsInput | null;
}

/** Headers the dispatcher sends on every request besides the custom ones, lower-case. */
const SENT_HEADERS = [
  'content-type',
  'content-length',
  'host',
  'user-agent',
  'date',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
];
/** Only RFC 9421 sends `Content-Digest`; only cavage sends `Digest`. */
const RFC9421_HEADERS = [...SENT_HEADERS, 'content-digest'];
const CAVAGE_HEADERS = [...SENT_HEADERS, 'digest'];
const CAVAGE_PSEUDO_HEADERS = ['(request-target)', '(created)', '(expires)'];

function httpMessageSignaturesOf(input: HttpMessageSignatureInput): HttpMessageSignatureOptions {
  return {
    algorithm: input.algorithm,
    components: input.components ?? [...DEFAULT_COMPONENTS],
    digest: input.digest ?? 'sha-256',
    expiresInSeconds: input.expiresInSeconds ?? null,
    nonce: input.nonce ?? false,
    tag: input.tag ?? null,
  };
}

function cavageOf(input: CavageSignatureInput): CavageSignatureOptions {
  return { algorithm: input.algorithm, headers: input.headers ?? [...DEFAULT_CAVAGE_HEADERS] };
}

/** What the legacy `scheme` says in options terms: RFC 9421 HMAC beside `v1,`, or not. */
function hmacOf(scheme: SigningScheme): HttpMessageSignatureOptions | null {
  return scheme === 'http-message-signatures'
    ? httpMessageSignaturesOf({ algorithm: 'hmac-sha256' })
    : null;
}

/** The scheme the options amount to, for the `signing_scheme` column old readers look at. */
export function schemeOf(options: SigningChoice): SigningScheme {
  return options.httpMessageSignatures ? 'http-message-signatures' : 'standard-webhooks';
}

/**
 * Applies `signing` (the whole body's on POST, a patch's on PATCH) to the current signing:
 * `options` members given replace the current ones whole (each with its defaults); `options:
 * null` goes back to the scheme alone; a `scheme` alone on a subscription with options turns
 * the RFC 9421 signature into HMAC (http-message-signatures) or off (standard-webhooks).
 * A scheme that contradicts the options is left for `signingIssues` to name.
 */
export function applySigning(
  current: Subscription['signing'],
  input: SigningInput | undefined,
): Subscription['signing'] {
  if (!input) return current;
  // A scheme sent with options, on a subscription without them, says what RFC 9421 was.
  const { keys: _keys, ...base } = signingOptionsOf(
    current.options ? current : { ...current, scheme: input.scheme ?? current.scheme },
  );
  if (input.options === null) {
    const { options: _dropped, ...rest } = current;
    return { ...rest, scheme: input.scheme ?? current.scheme };
  }
  if (input.options === undefined) {
    if (!input.scheme) return current;
    if (!current.options) return { ...current, scheme: input.scheme };
    const keepsRfc9421 =
      input.scheme === 'http-message-signatures' && current.options.httpMessageSignatures;
    const options = keepsRfc9421
      ? current.options
      : { ...current.options, httpMessageSignatures: hmacOf(input.scheme) };
    return { ...current, scheme: input.scheme, options };
  }
  const o = input.options;
  const choice: SigningChoice = {
    standardWebhooks: o.standardWebhooks
      ? {
          symmetric: o.standardWebhooks.symmetric ?? true,
          asymmetric: o.standardWebhooks.asymmetric ?? false,
        }
      : base.standardWebhooks,
    httpMessageSignatures:
      o.httpMessageSignatures === undefined
        ? base.httpMessageSignatures
        : o.httpMessageSignatures && httpMessageSignaturesOf(o.httpMessageSignatures),
    cavage: o.cavage === undefined ? base.cavage : o.cavage && cavageOf(o.cavage),
    keyScope: o.keyScope ?? base.keyScope,
  };
  return {
    ...current,
    scheme: input.scheme ?? schemeOf(choice),
    // The key pairs are attached when the changelog record is written (the store's).
    options: { ...choice, keys: current.options?.keys ?? [] },
  };
}

/**
 * What the JSON Schema cannot say: derived components and pseudo-headers Herald knows, covered
 * headers that are really sent (custom ones included), the draft's rule that `rsa-sha256` signs
 * neither `(created)` nor `(expires)`, a scheme that agrees, and at least one signature.
 */
export function signingIssues(s: Subscription): FieldIssue[] {
  const options = s.signing.options;
  if (!options) return [];
  const issues: FieldIssue[] = [];
  const at = 'signing.options';
  const custom = Object.keys(s.headers).map((h) => h.toLowerCase());
  const hms = options.httpMessageSignatures;
  if (hms) {
    hms.components.forEach((component, i) => {
      const field = `${at}.httpMessageSignatures.components.${i}`;
      if (component.startsWith('@')) {
        if (!(DERIVED_COMPONENTS as readonly string[]).includes(component)) {
          issues.push({
            field,
            message: `is not a derived component Herald signs (${DERIVED_COMPONENTS.join(' ')})`,
          });
        }
      } else if (!RFC9421_HEADERS.includes(component) && !custom.includes(component)) {
        issues.push({ field, message: notSent(component, RFC9421_HEADERS) });
      }
    });
  }
  const cavage = options.cavage;
  if (cavage) {
    cavage.headers.forEach((header, i) => {
      const field = `${at}.cavage.headers.${i}`;
      if (header.startsWith('(')) {
        if (!CAVAGE_PSEUDO_HEADERS.includes(header)) {
          issues.push({
            field,
            message: `is not a pseudo-header Herald signs (${CAVAGE_PSEUDO_HEADERS.join(' ')})`,
          });
        } else if (header !== '(request-target)' && cavage.algorithm === 'rsa-sha256') {
          issues.push({
            field,
            message: `cannot be signed with rsa-sha256 (draft-cavage section 2.3): use hs2019`,
          });
        }
      } else if (!CAVAGE_HEADERS.includes(header) && !custom.includes(header)) {
        issues.push({ field, message: notSent(header, CAVAGE_HEADERS) });
      }
    });
    for (const name of Object.keys(s.headers)) {
      if (name.toLowerCase() === 'digest') {
        issues.push({ field: `headers.${name}`, message: 'is set by Herald when cavage signs' });
      }
    }
  }
  const { symmetric, asymmetric } = options.standardWebhooks;
  if (!symmetric && !asymmetric && !hms && !cavage) {
    issues.push({ field: at, message: 'must ask for at least one signature' });
  }
  if (s.signing.scheme !== schemeOf(options)) {
    issues.push({
      field: 'signing.scheme',
      message: hms
        ? 'must be http-message-signatures when options.httpMessageSignatures is set'
        : 'must be standard-webhooks when options.httpMessageSignatures is null',
    });
  }
  return issues;
}

function notSent(header: string, herald: readonly string[]): string {
  return `covers header ${header}, which is not sent: add it to headers, or use one Herald sends (${herald.join(' ')})`;
}
