import { ApiKeyEntity } from './api-key.entity';
import { DeadLetterEntity } from './dead-letter.entity';
import { DeliveryAttemptEntity } from './delivery-attempt.entity';
import { DeliveryEntity } from './delivery.entity';
import { EventIdEntity, EventEntity } from './event.entity';
import { EventTypeEntity } from './event-type.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { InvalidEventEntity } from './invalid-event.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { PortalSessionEntity } from './portal-session.entity';
import { ReplayJobEntity } from './replay-job.entity';
import { SigningKeyEntity } from './signing-key.entity';
import { PayloadFormatEntity } from './payload-format.entity';
import { SubscriptionEntity } from './subscription.entity';
import { SubscriptionStateChangeEntity } from './subscription-state-change.entity';
import { SubscriptionHealthEntity } from './subscription-health.entity';
import { TenantEntity } from './tenant.entity';

export * from './api-key.entity';
export * from './dead-letter.entity';
export * from './delivery-attempt.entity';
export * from './delivery.entity';
export * from './event.entity';
export * from './event-type.entity';
export * from './idempotency-key.entity';
export * from './invalid-event.entity';
export * from './outbox-message.entity';
export * from './portal-session.entity';
export * from './replay-job.entity';
export * from './signing-key.entity';
export * from './payload-format.entity';
export * from './subscription.entity';
export * from './subscription-state-change.entity';
export * from './subscription-health.entity';
export * from './tenant.entity';

export const ENTITIES = [
  TenantEntity,
  ApiKeyEntity,
  EventTypeEntity,
  SubscriptionEntity,
  EventEntity,
  EventIdEntity,
  DeliveryEntity,
  DeliveryAttemptEntity,
  DeadLetterEntity,
  OutboxMessageEntity,
  IdempotencyKeyEntity,
  SubscriptionStateChangeEntity,
  PortalSessionEntity,
  SigningKeyEntity,
  PayloadFormatEntity,
  InvalidEventEntity,
  ReplayJobEntity,
  SubscriptionHealthEntity,
];
