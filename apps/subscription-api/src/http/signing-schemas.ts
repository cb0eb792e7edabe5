/**
 * The JSON Schema of a subscription's `signing`: the legacy `scheme` and the `options` that
 * choose every signature sent (Standard Webhooks `v1,`/`v1a,`, RFC 9421, draft-cavage) and
 * whose key pairs sign them. What a schema cannot say (which derived components exist, that a
 * covered header is sent) is checked after it, in subscriptions/signing-options.ts.
 */

/** Most covered components (RFC 9421) or signed headers (cavage) a subscription may list. */
export const MAX_SIGNED_COMPONENTS = 32;
/** Longest `tag` parameter. */
export const MAX_SIGNATURE_TAG_LENGTH = 128;
/** Longest `expires` - `created` a subscription may ask for: one day. */
export const MAX_SIGNATURE_EXPIRES_SECONDS = 86_400;

/** A derived component (`@method`) or a lower-case header name (RFC 9110 token). */
export const COMPONENT_PATTERN = "^(@[a-z-]+|[a-z0-9!#$%&'*+.^_`|~-]+)$";
/** A cavage pseudo-header (`(request-target)`) or a lower-case header name. */
export const CAVAGE_HEADER_PATTERN = "^(\\([a-z-]+\\)|[a-z0-9!#$%&'*+.^_`|~-]+)$";
/** An RFC 8941 string: printable ASCII only. */
const SF_STRING_PATTERN = '^[\\x20-\\x7e]*$';

const httpMessageSignatures = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['algorithm'],
  description:
    'RFC 9421 HTTP Message Signatures (Signature-Input / Signature), null = none. The created ' +
    'and keyid parameters are always sent (keyid: the JWKS kid, or the subscription id for ' +
    'hmac-sha256, which signs with the whsec_ secrets).',
  properties: {
    algorithm: {
      type: 'string',
      enum: ['ed25519', 'ecdsa-p256-sha256', 'rsa-pss-sha512', 'hmac-sha256'],
    },
    components: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_SIGNED_COMPONENTS,
      uniqueItems: true,
      items: { type: 'string', minLength: 1, maxLength: 64, pattern: COMPONENT_PATTERN },
      description:
        'Covered components in order: @method @target-uri @authority @scheme @path @query, ' +
        'content-digest content-type content-length date, webhook-id webhook-timestamp, and ' +
        'lower-case names of the custom headers (default @method @target-uri content-digest date)',
    },
    digest: {
      type: 'string',
      enum: ['sha-256', 'sha-512'],
      description: 'The RFC 9530 Content-Digest algorithm (default sha-256)',
    },
    expiresInSeconds: {
      type: ['integer', 'null'],
      minimum: 1,
      maximum: MAX_SIGNATURE_EXPIRES_SECONDS,
      description: 'expires = created + this (default null: no expires parameter)',
    },
    nonce: { type: 'boolean', description: 'A random nonce parameter (default false)' },
    tag: {
      type: ['string', 'null'],
      minLength: 1,
      maxLength: MAX_SIGNATURE_TAG_LENGTH,
      pattern: SF_STRING_PATTERN,
      description: 'The tag parameter, printable ASCII (default null: none)',
    },
  },
};

const cavage = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['algorithm'],
  description:
    'draft-cavage HTTP Signatures (Signature: keyId,algorithm,headers,signature), null = none; ' +
    'signed with the RSA key pair of the key scope',
  properties: {
    algorithm: {
      type: 'string',
      enum: ['rsa-sha256', 'hs2019'],
      description: 'rsa-sha256: RSASSA-PKCS1-v1_5 SHA-256; hs2019: RSASSA-PSS SHA-512',
    },
    headers: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_SIGNED_COMPONENTS,
      uniqueItems: true,
      items: { type: 'string', minLength: 1, maxLength: 64, pattern: CAVAGE_HEADER_PATTERN },
      description:
        'Signed headers in order: (request-target) (created) (expires) host date digest ' +
        'content-type content-length and lower-case names of the custom headers (default ' +
        '(request-target) host date digest; Copernica: (request-target) host date ' +
        'x-copernica-id digest, with X-Copernica-ID in headers)',
    },
  },
};

const signingOptions = {
  type: ['object', 'null'],
  additionalProperties: false,
  description:
    'Every signature sent (null = the scheme alone: v1, plus RFC 9421 hmac-sha256 for ' +
    'http-message-signatures). On PATCH each member given replaces that member whole.',
  properties: {
    standardWebhooks: {
      type: 'object',
      additionalProperties: false,
      description: 'Standard Webhooks webhook-signature: v1, (HMAC, whsec_) and/or v1a, (ed25519)',
      properties: {
        symmetric: { type: 'boolean', description: 'v1, (default true)' },
        asymmetric: { type: 'boolean', description: 'v1a, (default false)' },
      },
    },
    httpMessageSignatures,
    cavage,
    keyScope: {
      type: 'string',
      enum: ['tenant', 'subscription'],
      description:
        "Whose key pairs sign: the tenant's (GET /v1/tenants/{tenantId}/jwks.json, default) or " +
        "this subscription's own (GET /v1/tenants/{tenantId}/subscriptions/{id}/jwks.json)",
    },
  },
};

export const signingSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    scheme: {
      type: 'string',
      enum: ['standard-webhooks', 'http-message-signatures'],
      description:
        'http-message-signatures = an RFC 9421 signature besides v1, (with options: must agree ' +
        'with options.httpMessageSignatures being set)',
    },
    options: signingOptions,
  },
};
