import { EventAction } from './cloudevent';

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
  contentType: 'json' | 'form';
  headers: Record<string, string>;
  timeoutMs: number;
  successRule: SuccessRule;
  retryPolicy: RetryPolicy;
  disablePolicy: DisablePolicy;
  canary: CanaryPolicy;
  signing: { scheme: SigningScheme; secrets: SigningSecret[] };
  rateLimitPerSecond: number | null;
  maxConcurrency: number;
  metadata: Record<string, string>;
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
export function isDeliverable(subscription: Subscription, now: Date): boolean {
  if (!subscription.active) return false;
  if (subscription.state === 'disabled') return false;
  if (subscription.state === 'paused') {
    return (
      subscription.pausedUntil !== null && Date.parse(subscription.pausedUntil) <= now.getTime()
    );
  }
  return true;
}
