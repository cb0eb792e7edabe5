import { EventAction } from './cloudevent';
import { DeliveryCredential, DeliveryTls } from './delivery-credential';

export type SubscriptionState = 'active' | 'paused' | 'disabled';
export type PayloadFormat = 'herald' | 'cloudevents' | 'template';
export type SigningScheme = 'standard-webhooks' | 'http-message-signatures';

/**
 * A signing secret as it is stored and sent between services: sealed (AES-256-GCM under a key
 * of `HERALD_SECRETS_KEYS`), never the `whsec_` value itself.
 */
export interface SigningSecret {
  /** `hsk1:<key id>:<ciphertext>`; opening it gives `whsec_<base64>`. */
  sealed: string;
  /** First 8 bytes of the SHA-256 of the secret (`sha256:<hex>`): what views show. */
  fingerprint: string;
  /** When an old secret stops being used after a rotation; null = current. */
  expiresAt: string | null;
}

/** The kinds of asymmetric key Herald signs with (one key pair per kind and scope in use). */
export type SigningKeyType = 'ed25519' | 'ecdsa-p256' | 'rsa';

/**
 * An asymmetric signing key as it travels to the dispatcher: the PKCS#8 PEM private key sealed
 * like a secret, never in clear. `kid` is the `keyid` receivers look up in the tenant's JWKS.
 */
export interface SealedSigningKey {
  kid: string;
  type: SigningKeyType;
  /** `hsk1:<key id>:<ciphertext>`; opening it gives the PKCS#8 PEM. */
  sealed: string;
  /** When a rotated-out key stops signing; null = current. */
  expiresAt: string | null;
}

export type HttpSignatureAlgorithm =
  'ed25519' | 'ecdsa-p256-sha256' | 'rsa-pss-sha512' | 'hmac-sha256';

/** RFC 9421 HTTP Message Signatures as a subscription asks for them. */
export interface HttpMessageSignatureOptions {
  algorithm: HttpSignatureAlgorithm;
  /** Covered components, in order: derived (`@method`...) and lower-case header names. */
  components: string[];
  /** RFC 9530 `Content-Digest` algorithm. */
  digest: 'sha-256' | 'sha-512';
  /** `expires` = created + this; null = no `expires` parameter. */
  expiresInSeconds: number | null;
  /** A random `nonce` parameter on every signature. */
  nonce: boolean;
  /** The `tag` parameter (an application-specific label), or null. */
  tag: string | null;
}

/** draft-cavage HTTP Signatures (`Signature: keyId=...,algorithm=...,headers=...`). */
export interface CavageSignatureOptions {
  algorithm: 'rsa-sha256' | 'hs2019';
  /** Signed headers, in order: `(request-target)`, `(created)`, `(expires)` and header names. */
  headers: string[];
}

/**
 * The signatures a subscription sends besides the defaults. Absent on subscriptions stored
 * before asymmetric signing (read as: HMAC `v1,` only, RFC 9421 per `scheme`).
 */
export interface SigningOptions {
  /** Standard Webhooks `v1,` (HMAC) and/or `v1a,` (ed25519) in `webhook-signature`. */
  standardWebhooks: { symmetric: boolean; asymmetric: boolean };
  httpMessageSignatures: HttpMessageSignatureOptions | null;
  cavage: CavageSignatureOptions | null;
  /** Whose key pairs sign: the tenant's (one JWKS for all) or this subscription's own. */
  keyScope: 'tenant' | 'subscription';
  /** The sealed key pairs of that scope, current and in a rotation overlap. */
  keys: SealedSigningKey[];
}

export interface SuccessRule {
  /** Status codes or classes (`2xx`) that count as success. */
  statuses: string[];
  /** If set, the JSON response body must contain this subset (e.g. `{"Success": true}`). */
  body: Record<string, unknown> | null;
}

export interface RetryPolicy {
  /** Delay before each attempt, attempt 1 first (`0s`, `5s`, `1m`, ...). */
  delays: string[];
  maxAttempts: number;
}

export interface DisablePolicy {
  /** More than this many failures within `windowMs` pauses the subscription. */
  failureThreshold: number;
  windowMs: number;
  pauseMs: number;
  /** Failing continuously for this long disables the subscription. */
  disableAfterMs: number;
}

export interface CanaryPolicy {
  enabled: boolean;
  intervalMs: number;
}

/** A subscription as every service sees it on the changelog (signing secrets sealed). */
export interface Subscription {
  id: string;
  tenantId: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  entityType: string | null;
  entityId: string | null;
  /** Empty = every action. */
  actions: EventAction[];
  /** Empty = every trigger. */
  triggers: string[];
  /** A Mongo-style condition on the event, or null. */
  condition: Record<string, unknown> | null;
  /** The tenant's switch: false = inactive until set true again. */
  active: boolean;
  /** Health state set by Herald: paused (cool-down) or disabled (until reactivated). */
  state: SubscriptionState;
  stateReason: string | null;
  pausedUntil: string | null;
  payloadFormat: PayloadFormat;
  payloadTemplate: string | null;
  /**
   * The tenant's named payload format (`/v1/payload-formats`) this subscription uses, or null.
   * When set, payloadFormat is `template` and payloadTemplate is that format's template as
   * last changed: a change to the format republishes every subscription using it.
   */
  payloadFormatName?: string | null;
  contentType: 'json' | 'form';
  headers: Record<string, string>;
  timeoutMs: number;
  successRule: SuccessRule;
  retryPolicy: RetryPolicy;
  disablePolicy: DisablePolicy;
  canary: CanaryPolicy;
  signing: { scheme: SigningScheme; secrets: SigningSecret[]; options?: SigningOptions };
  rateLimitPerSecond: number | null;
  maxConcurrency: number;
  metadata: Record<string, string>;
  /** Authenticated delivery (absent in records written before it existed = none). */
  credential?: DeliveryCredential | null;
  tls?: DeliveryTls | null;
  createdAt: string;
  updatedAt: string;
  /** Increases with every change, so consumers can ignore stale records. */
  revision: number;
}

export const DEFAULT_TIMEOUT_MS = 5_000;
export const DEFAULT_SUCCESS_RULE: SuccessRule = { statuses: ['2xx'], body: null };
export const DEFAULT_DISABLE_POLICY: DisablePolicy = {
  failureThreshold: 10,
  windowMs: 10 * 60_000,
  pauseMs: 60 * 60_000,
  disableAfterMs: 5 * 86_400_000,
};
export const DEFAULT_CANARY: CanaryPolicy = { enabled: false, intervalMs: 8 * 3_600_000 };
export const DEFAULT_MAX_CONCURRENCY = 10;

/** Whether deliveries should be attempted now, or held for a later replay. */
export function isDeliverable(
  subscription: Pick<Subscription, 'active' | 'state' | 'pausedUntil'>,
  now: Date,
): boolean {
  if (!subscription.active) return false;
  if (subscription.state === 'disabled') return false;
  if (subscription.state === 'paused') {
    return (
      subscription.pausedUntil !== null && Date.parse(subscription.pausedUntil) <= now.getTime()
    );
  }
  return true;
}

/**
 * The key kinds a subscription's signatures need: `v1a,` signs with ed25519, RFC 9421 with the
 * kind of its algorithm (none for HMAC), draft-cavage with RSA. In a stable order.
 */
export function signingKeyTypesOf(options: Omit<SigningOptions, 'keys'>): SigningKeyType[] {
  const types = new Set<SigningKeyType>();
  if (options.standardWebhooks.asymmetric) types.add('ed25519');
  const algorithm = options.httpMessageSignatures?.algorithm;
  if (algorithm === 'ed25519') types.add('ed25519');
  if (algorithm === 'ecdsa-p256-sha256') types.add('ecdsa-p256');
  if (algorithm === 'rsa-pss-sha512') types.add('rsa');
  if (options.cavage) types.add('rsa');
  return (['ed25519', 'ecdsa-p256', 'rsa'] as const).filter((t) => types.has(t));
}
