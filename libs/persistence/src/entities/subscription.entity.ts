import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type {
  CanaryPolicy,
  DeliveryCredential,
  DeliveryTls,
  DisablePolicy,
  EventAction,
  PayloadFormat,
  RetryPolicy,
  SigningOptions,
  SigningScheme,
  SigningSecret,
  SubscriptionState,
  SuccessRule,
} from '@herald/contracts';

/** A webhook subscription: one row per `Subscription` of libs/contracts (see subscription-row.ts). */
@Entity({ name: 'subscriptions' })
@Index('ix_subscriptions_tenant', ['tenantId', 'id'])
@Index('ix_subscriptions_payload_format', ['tenantId', 'payloadFormatName'])
export class SubscriptionEntity {
  /** Time-ordered (`sub_<hex ms><random>`), so keyset pagination can order by id. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_subscriptions' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'event_types', type: 'text', array: true })
  eventTypes!: string[];

  @Column({ name: 'entity_type', type: 'text', nullable: true })
  entityType!: string | null;

  @Column({ name: 'entity_id', type: 'text', nullable: true })
  entityId!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  actions!: EventAction[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  triggers!: string[];

  @Column({ type: 'jsonb', nullable: true })
  condition!: Record<string, unknown> | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'text', default: 'active' })
  state!: SubscriptionState;

  @Column({ name: 'state_reason', type: 'text', nullable: true })
  stateReason!: string | null;

  @Column({ name: 'paused_until', type: 'timestamptz', nullable: true })
  pausedUntil!: Date | null;

  @Column({ name: 'payload_format', type: 'text', default: 'herald' })
  payloadFormat!: PayloadFormat;

  @Column({ name: 'payload_template', type: 'text', nullable: true })
  payloadTemplate!: string | null;

  /** The tenant's named payload format this subscription renders with (its template is copied). */
  @Column({ name: 'payload_format_name', type: 'text', nullable: true })
  payloadFormatName!: string | null;

  @Column({ name: 'content_type', type: 'text', default: 'json' })
  contentType!: 'json' | 'form';

  @Column({ type: 'jsonb', default: () => "'{}'" })
  headers!: Record<string, string>;

  @Column({ name: 'timeout_ms', type: 'integer' })
  timeoutMs!: number;

  @Column({ name: 'success_rule', type: 'jsonb' })
  successRule!: SuccessRule;

  @Column({ name: 'retry_policy', type: 'jsonb' })
  retryPolicy!: RetryPolicy;

  @Column({ name: 'disable_policy', type: 'jsonb' })
  disablePolicy!: DisablePolicy;

  @Column({ type: 'jsonb' })
  canary!: CanaryPolicy;

  /** When the next canary is due (null = canary off); claimed with FOR UPDATE SKIP LOCKED. */
  @Index('ix_subscriptions_canary_due')
  @Column({ name: 'canary_next_due_at', type: 'timestamptz', nullable: true })
  canaryNextDueAt!: Date | null;

  @Column({ name: 'signing_scheme', type: 'text', default: 'standard-webhooks' })
  signingScheme!: SigningScheme;

  /** Current secret first; older ones kept until their `expiresAt` during a rotation. */
  @Column({ name: 'signing_secrets', type: 'jsonb' })
  signingSecrets!: SigningSecret[];

  /**
   * The signatures chosen besides the scheme (null = the scheme alone), without key pairs: those
   * live in `signing_keys` and join the changelog record when it is written.
   */
  @Column({ name: 'signing_options', type: 'jsonb', nullable: true })
  signingOptions!: Omit<SigningOptions, 'keys'> | null;

  @Column({ name: 'rate_limit_per_second', type: 'integer', nullable: true })
  rateLimitPerSecond!: number | null;

  @Column({ name: 'max_concurrency', type: 'integer' })
  maxConcurrency!: number;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata!: Record<string, string>;

  /** Header, Basic or OAuth 2.0 client credentials; its secret part sealed. */
  @Column({ name: 'delivery_credential', type: 'jsonb', nullable: true })
  deliveryCredential!: DeliveryCredential | null;

  /** Client certificate (key sealed) and private CA for the receiver. */
  @Column({ name: 'delivery_tls', type: 'jsonb', nullable: true })
  deliveryTls!: DeliveryTls | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ type: 'integer', default: 1 })
  revision!: number;
}
