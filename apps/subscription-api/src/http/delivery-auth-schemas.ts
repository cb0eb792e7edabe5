import { HEADER_NAME_PATTERN, HEADER_VALUE_PATTERN } from './header-patterns';

/** Text with no control characters (no CR, LF, NUL, DEL). */
export const NO_CONTROLS_PATTERN = '^[^\\x00-\\x1f\\x7f]*$';
/** An OAuth 2.0 scope: space-separated scope tokens (RFC 6749 section 3.3). */
const SCOPE_PATTERN = '^[\\x21\\x23-\\x5b\\x5d-\\x7e]+( [\\x21\\x23-\\x5b\\x5d-\\x7e]+)*$';

export const CREDENTIAL_LIMITS = {
  headerValue: 4096,
  username: 256,
  password: 1024,
  clientId: 256,
  clientSecret: 1024,
  scope: 1024,
  audience: 1024,
  tokenUrl: 2048,
  certificatePem: 32 * 1024,
  keyPem: 32 * 1024,
  caPem: 64 * 1024,
} as const;

const text = (maxLength: number, description: string) => ({
  type: 'string',
  minLength: 1,
  maxLength,
  pattern: NO_CONTROLS_PATTERN,
  description,
});

/**
 * `credential`: one of three types; the fields each type needs are checked after the schema
 * (each problem named by its field). Secret parts are write-only: views show a fingerprint.
 */
export const credentialSchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['type'],
  description:
    'How Herald authenticates to the receiver, besides signing (null = none). ' +
    'header: name + value (sent as `<name>: <value>`); basic: username + password (HTTP Basic); ' +
    'oauth2: tokenUrl + clientId + clientSecret (+ scope, audience, clientAuthMethod): a client ' +
    'credentials token, sent as `Authorization: Bearer`. Secret parts (value, password, ' +
    'clientSecret) are stored encrypted and never shown again; replace the credential to change them.',
  properties: {
    type: { type: 'string', enum: ['header', 'basic', 'oauth2'] },
    name: {
      type: 'string',
      maxLength: 256,
      pattern: HEADER_NAME_PATTERN,
      description: 'header: the header name (not one Herald sets itself)',
    },
    value: {
      type: 'string',
      minLength: 1,
      maxLength: CREDENTIAL_LIMITS.headerValue,
      pattern: HEADER_VALUE_PATTERN,
      writeOnly: true,
      description: 'header: the value (Latin-1, no CR/LF)',
    },
    username: {
      ...text(CREDENTIAL_LIMITS.username, 'basic: the user (no colon)'),
      pattern: '^[^\\x00-\\x1f\\x7f:]*$',
    },
    password: { ...text(CREDENTIAL_LIMITS.password, 'basic: the password'), writeOnly: true },
    tokenUrl: {
      type: 'string',
      format: 'uri',
      maxLength: CREDENTIAL_LIMITS.tokenUrl,
      description: 'oauth2: the token endpoint (the same network rules as callback URLs)',
    },
    clientId: text(CREDENTIAL_LIMITS.clientId, 'oauth2: the client id'),
    clientSecret: {
      ...text(CREDENTIAL_LIMITS.clientSecret, 'oauth2: the client secret'),
      writeOnly: true,
    },
    scope: {
      type: ['string', 'null'],
      maxLength: CREDENTIAL_LIMITS.scope,
      pattern: SCOPE_PATTERN,
      description: 'oauth2: space-separated scopes to ask for',
    },
    audience: {
      ...text(CREDENTIAL_LIMITS.audience, 'oauth2: the audience parameter some servers want'),
      type: ['string', 'null'],
    },
    clientAuthMethod: {
      type: 'string',
      enum: ['client_secret_basic', 'client_secret_post'],
      description: 'oauth2: how the client authenticates to the token endpoint (default basic)',
    },
  },
};

/** `tls`: a client certificate for mutual TLS and/or a private CA for the receiver. */
export const tlsSchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  description:
    'Mutual TLS and private CAs (null = none). clientCertificate + clientKey: PEM, presented ' +
    'to the receiver (the key stored encrypted, never shown again); ca: PEM of the CA ' +
    "certificate(s) the receiver's certificate must chain to, instead of the public roots.",
  properties: {
    clientCertificate: {
      type: 'string',
      maxLength: CREDENTIAL_LIMITS.certificatePem,
      description: 'PEM certificate (chain); requires clientKey',
    },
    clientKey: {
      type: 'string',
      maxLength: CREDENTIAL_LIMITS.keyPem,
      writeOnly: true,
      description: 'PEM private key (unencrypted) of clientCertificate',
    },
    ca: {
      type: 'string',
      maxLength: CREDENTIAL_LIMITS.caPem,
      description: 'PEM CA certificate(s)',
    },
  },
};
