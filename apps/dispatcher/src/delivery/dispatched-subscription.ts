import {
  CanaryPolicy,
  DEFAULT_CANARY,
  DEFAULT_DISABLE_POLICY,
  DisablePolicy,
  RETRY_LADDER_PRESETS,
  RetryPolicy,
  Subscription,
  SuccessRule,
} from '@herald/contracts';

/**
 * What the dispatcher keeps of a changelog subscription: everything a delivery reads. Matching's
 * filters (event types, entity, actions, triggers, condition: the matcher's business), the
 * tenant's description, the state reason and the timestamps are left out; no delivery, gate or
 * state change reads them (state changes go through the subscriptions table by id).
 */
export type DispatchedSubscription = Omit<
  Subscription,
  | 'description'
  | 'eventTypes'
  | 'entityType'
  | 'entityId'
  | 'actions'
  | 'triggers'
  | 'condition'
  | 'stateReason'
  | 'createdAt'
  | 'updatedAt'
>;

/** Frozen, so that a shared copy can never be changed through one subscription. */
function frozen<T extends object>(value: T): T {
  for (const field of Object.values(value))
    if (typeof field === 'object' && field !== null) Object.freeze(field);
  Object.freeze(value);
  return value;
}

const NOTHING: Record<string, string> = frozen({});
const SUCCESS_2XX: SuccessRule = frozen({ statuses: ['2xx'], body: null });
const DISABLE_DEFAULT: DisablePolicy = frozen({ ...DEFAULT_DISABLE_POLICY });
const CANARY_DEFAULT: CanaryPolicy = frozen({ ...DEFAULT_CANARY });
/** One copy of each preset ladder, as subscription-api writes it (attempts = steps). */
const LADDERS: RetryPolicy[] = Object.values(RETRY_LADDER_PRESETS).map((delays) =>
  frozen({ delays: [...delays], maxAttempts: delays.length }),
);

function isEmpty(record: Record<string, string>): boolean {
  for (const _key in record) return false;
  return true;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The dispatcher's copy of a changelog subscription. Most subscriptions keep the defaults of
 * their policies and have no headers or metadata: those values are one shared frozen copy
 * instead of one per subscription.
 */
export function dispatchedSubscription(s: Subscription): DispatchedSubscription {
  const kept: DispatchedSubscription = {
    id: s.id,
    tenantId: s.tenantId,
    url: s.url,
    active: s.active,
    state: s.state,
    pausedUntil: s.pausedUntil,
    payloadFormat: s.payloadFormat,
    payloadTemplate: s.payloadTemplate,
    contentType: s.contentType,
    headers: isEmpty(s.headers) ? NOTHING : s.headers,
    timeoutMs: s.timeoutMs,
    successRule: sharedSuccessRule(s.successRule),
    retryPolicy: sharedRetryPolicy(s.retryPolicy),
    disablePolicy: sharedDisablePolicy(s.disablePolicy),
    canary:
      s.canary.enabled === CANARY_DEFAULT.enabled &&
      s.canary.intervalMs === CANARY_DEFAULT.intervalMs
        ? CANARY_DEFAULT
        : s.canary,
    signing: s.signing,
    rateLimitPerSecond: s.rateLimitPerSecond,
    maxConcurrency: s.maxConcurrency,
    metadata: isEmpty(s.metadata) ? NOTHING : s.metadata,
    revision: s.revision,
  };
  // Absent in records written before these existed: absent here too.
  if (s.payloadFormatName !== undefined) kept.payloadFormatName = s.payloadFormatName;
  if (s.credential !== undefined) kept.credential = s.credential;
  if (s.tls !== undefined) kept.tls = s.tls;
  return kept;
}

function sharedSuccessRule(rule: SuccessRule): SuccessRule {
  return rule.body === null && sameList(rule.statuses, SUCCESS_2XX.statuses) ? SUCCESS_2XX : rule;
}

function sharedRetryPolicy(policy: RetryPolicy): RetryPolicy {
  for (const ladder of LADDERS) {
    if (policy.maxAttempts === ladder.maxAttempts && sameList(policy.delays, ladder.delays))
      return ladder;
  }
  return policy;
}

function sharedDisablePolicy(policy: DisablePolicy): DisablePolicy {
  const d = DISABLE_DEFAULT;
  return policy.failureThreshold === d.failureThreshold &&
    policy.windowMs === d.windowMs &&
    policy.pauseMs === d.pauseMs &&
    policy.disableAfterMs === d.disableAfterMs
    ? d
    : policy;
}
