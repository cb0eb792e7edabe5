import { SigningOptions, Subscription, SubscriptionRecord } from '@herald/contracts';
import { SubscriptionEntity } from '../entities/subscription.entity';

/** A row of `subscriptions` as the contract type every service sees on the changelog. */
export function toSubscription(row: SubscriptionEntity): Subscription {
  return {
    id: row.id,
    tenantId: row.tenantId,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    entityType: row.entityType,
    entityId: row.entityId,
    actions: row.actions,
    triggers: row.triggers,
    condition: row.condition,
    active: row.active,
    state: row.state,
    stateReason: row.stateReason,
    pausedUntil: row.pausedUntil ? row.pausedUntil.toISOString() : null,
    payloadFormat: row.payloadFormat,
    payloadTemplate: row.payloadTemplate,
    payloadFormatName: row.payloadFormatName ?? null,
    contentType: row.contentType,
    headers: row.headers,
    timeoutMs: row.timeoutMs,
    successRule: row.successRule,
    retryPolicy: row.retryPolicy,
    disablePolicy: row.disablePolicy,
    canary: row.canary,
    signing: {
      scheme: row.signingScheme,
      secrets: row.signingSecrets,
      ...(row.signingOptions ? { options: { ...row.signingOptions, keys: [] } } : {}),
    },
    rateLimitPerSecond: row.rateLimitPerSecond,
    maxConcurrency: row.maxConcurrency,
    metadata: row.metadata,
    credential: row.deliveryCredential ?? null,
    tls: row.deliveryTls ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    revision: row.revision,
  };
}

/** The contract type as a row (for inserts and updates). */
export function toSubscriptionRow(s: Subscription): SubscriptionEntity {
  const row = new SubscriptionEntity();
  Object.assign(row, {
    id: s.id,
    tenantId: s.tenantId,
    url: s.url,
    description: s.description,
    eventTypes: s.eventTypes,
    entityType: s.entityType,
    entityId: s.entityId,
    actions: s.actions,
    triggers: s.triggers,
    condition: s.condition,
    active: s.active,
    state: s.state,
    stateReason: s.stateReason,
    pausedUntil: s.pausedUntil ? new Date(s.pausedUntil) : null,
    payloadFormat: s.payloadFormat,
    payloadTemplate: s.payloadTemplate,
    payloadFormatName: s.payloadFormatName ?? null,
    contentType: s.contentType,
    headers: s.headers,
    timeoutMs: s.timeoutMs,
    successRule: s.successRule,
    retryPolicy: s.retryPolicy,
    disablePolicy: s.disablePolicy,
    canary: s.canary,
    signingScheme: s.signing.scheme,
    signingSecrets: s.signing.secrets,
    signingOptions: s.signing.options ? withoutKeys(s.signing.options) : null,
    rateLimitPerSecond: s.rateLimitPerSecond,
    maxConcurrency: s.maxConcurrency,
    metadata: s.metadata,
    deliveryCredential: s.credential ?? null,
    deliveryTls: s.tls ?? null,
    createdAt: new Date(s.createdAt),
    updatedAt: new Date(s.updatedAt),
    revision: s.revision,
  });
  return row;
}

function withoutKeys(options: SigningOptions): Omit<SigningOptions, 'keys'> {
  const { keys: _keys, ...rest } = options;
  return rest;
}

export function subscriptionRecord(subscription: Subscription): SubscriptionRecord {
  return { kind: 'herald.subscription', version: 2, subscription };
}
