/**
 * How Herald authenticates itself to a receiver, besides signing: one credential per
 * subscription and optional mutual TLS. Every secret part is sealed (`hsk1:` AES-256-GCM under a
 * key of `HERALD_SECRETS_KEYS`) in PostgreSQL, the outbox and the changelog; views show only
 * the fingerprint.
 */
export interface SealedValue {
  /** `hsk1:<key id>:<ciphertext>`. */
  sealed: string;
  /** First 8 bytes of the SHA-256 of the plain value (`sha256:<hex>`): what views show. */
  fingerprint: string;
}

export const DELIVERY_CREDENTIAL_TYPES = ['header', 'basic', 'oauth2'] as const;
export type DeliveryCredentialType = (typeof DELIVERY_CREDENTIAL_TYPES)[number];

/** How the client authenticates to the token endpoint (RFC 6749 section 2.3.1). */
export type OAuthClientAuthMethod = 'client_secret_basic' | 'client_secret_post';

/** A static header (`X-Api-Key: <value>`), the value sealed. */
export interface HeaderCredential {
  type: 'header';
  name: string;
  value: SealedValue;
}

/** HTTP Basic (RFC 7617), the password sealed. */
export interface BasicCredential {
  type: 'basic';
  username: string;
  password: SealedValue;
}

/** OAuth 2.0 client credentials (RFC 6749 section 4.4): a bearer token from the tenant's token URL. */
export interface OAuthClientCredential {
  type: 'oauth2';
  tokenUrl: string;
  clientId: string;
  clientSecret: SealedValue;
  scope: string | null;
  audience: string | null;
  clientAuthMethod: OAuthClientAuthMethod;
}

export type DeliveryCredential = HeaderCredential | BasicCredential | OAuthClientCredential;

/** Mutual TLS and private CAs for a subscription's receiver. */
export interface DeliveryTls {
  /** PEM of the client certificate (and its chain), or null. */
  clientCertificate: string | null;
  /** The client certificate's private key (PEM), sealed; set exactly when the certificate is. */
  clientKey: SealedValue | null;
  /** PEM of the CA certificates the receiver's certificate must chain to (instead of the public roots). */
  ca: string | null;
}
