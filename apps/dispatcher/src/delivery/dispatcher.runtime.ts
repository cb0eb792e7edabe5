import { Logger } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { TOPICS, allTopics } from '@herald/contracts';
import {
  ChangelogReader,
  HeraldKafkaTransport,
  TypedProducer,
  deadJobMessage,
  ensureTopics,
} from '@herald/kafka';
import {
  DEFAULT_TEMPLATE_LIMITS,
  NO_JITTER,
  RetryJitter,
  SecretBox,
  SecretsKey,
  SigningKeyring,
  TemplateLimits,
} from '@herald/delivery';
import {
  AttemptLog,
  DeadLetterStore,
  EventStore,
  HeldDeliveryStore,
  SubscriptionHealthStore,
  SubscriptionStateStore,
  TenantLimitsDirectory,
  TenantStore,
} from '@herald/persistence';
import { TenantLimits } from '@herald/tenancy';
import { AttemptDelivery } from './attempt-delivery.usecase';
import { DeliveryCredentials } from './delivery-credentials';
import { DEFAULT_OAUTH_TOKENS_OPTIONS, OAuthTokens } from './oauth-tokens';
import { DeliveriesHandler, deliveriesBinding } from './deliveries.handler';
import { HandleDeliveryMessage } from './handle-delivery-message.usecase';
import { DispatcherMetrics } from './dispatcher-metrics';
import { HeldRelease } from './held-release';
import { HeldReleaseMetrics } from './held-release-metrics';
import { HttpSender } from './http-sender';
import { OutcomeRecorder } from './outcome-recorder';
import { UnrecordedOutcomes } from './unrecorded-outcomes';
import { SubscriptionGates } from './subscription-gates';
import { SubscriptionReplica } from './subscription-replica';
import { checkSealedSecretsOpen } from './sealed-secrets-check';

export const DISPATCHER_GROUP = 'herald-dispatcher';

/** On shutdown, how long running deliveries get to finish before the rest is left to others. */
const DRAIN_MS = 5_000;
/** Unrecorded outcomes kept for their rewound messages (at most a few in-flight windows). */
const UNRECORDED_OUTCOMES_KEPT = 5_000;

export interface DispatcherOptions {
  allowPrivateTargets: boolean;
  /** Private networks deliveries may reach anyway (HERALD_PRIVATE_TARGET_ALLOWLIST). */
  privateTargetAllowlist?: readonly string[];
  maxRetryAfterMs: number;
  /** How retry delays are spread (HERALD_RETRY_JITTER_*; default: not at all). */
  retryJitter?: RetryJitter;
  /** Deliveries in flight in this instance, across its partitions (HERALD_DISPATCH_MAX_IN_FLIGHT). */
  maxInFlightPerInstance: number;
  partitionsConcurrently: number;
  flushMs: number;
  /** Failures of one message of no known class before it is dead-lettered. */
  maxMessageRetries?: number;
  /** Per-tenant caps (maxInFlightDeliveries); absent = no cap. */
  tenantLimits?: { defaults: TenantLimits; refreshMs: number };
  version: string;
  /** `HERALD_SECRETS_KEYS`: open the subscriptions' sealed signing secrets. */
  secretsKeys: readonly SecretsKey[];
  groupId?: string;
  /** Budgets of payload templates (default: DEFAULT_TEMPLATE_LIMITS). */
  templateLimits?: TemplateLimits;
  /** How often held deliveries of subscriptions that can deliver again are released (ms). */
  heldReleaseMs?: number;
}

const DEFAULT_HELD_RELEASE_MS = 1_000;

/**
 * The dispatcher put together: the subscription view fed by the changelog and, once it has
 * loaded, the consumer of herald.deliveries. Framework-free so integration specs and the
 * benchmark run exactly what the service runs.
 */
export class DispatcherRuntime {
  readonly view = new SubscriptionReplica();
  private reader: ChangelogReader | undefined;
  private transport: HeraldKafkaTransport | undefined;
  private producer: TypedProducer | undefined;
  private sender: HttpSender | undefined;
  private recorder: OutcomeRecorder | undefined;
  private handler: DeliveriesHandler | undefined;
  private limits: TenantLimitsDirectory | undefined;
  private release: HeldRelease | undefined;
  private readonly logger = new Logger('dispatcher');

  constructor(
    private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly registry: Registry,
    private readonly options: DispatcherOptions,
  ) {}

  get isReady(): boolean {
    return (this.reader?.ready ?? false) && (this.transport?.isRunning ?? false);
  }

  async start(): Promise<void> {
    await ensureTopics(this.kafka, allTopics());
    const tenantLimits = this.options.tenantLimits;
    const limits = tenantLimits
      ? new TenantLimitsDirectory(
          new TenantStore(this.dataSource),
          tenantLimits.defaults,
          tenantLimits.refreshMs,
          (error) => this.logger.warn(`tenant limits not refreshed: ${error.message}`),
        )
      : undefined;
    this.limits = limits;
    await limits?.start();
    const circuits = new SubscriptionHealthStore(this.dataSource);
    const gates = new SubscriptionGates(
      (tenantId) => (limits ? limits.limitsOf(tenantId).maxInFlightDeliveries : 0),
      circuits,
    );
    const metrics = new DispatcherMetrics(
      this.registry,
      () => gates.inFlight,
      () => this.view.countInState('paused'),
    );
    // Reactivated (by its tenant, or a probe here or on another instance): it starts closed, so
    // a pause this instance opened does not outlive the reactivation.
    this.view.observe((subscription, previous) => {
      if (previous && previous.state !== 'active' && subscription.state === 'active')
        gates.resetCircuit(subscription.id);
    });
    const release = this.heldRelease(gates);
    this.reader = new ChangelogReader(this.kafka, this.view, (reason) => this.logger.warn(reason));
    await this.reader.start();
    await this.reader.loaded;
    this.logger.log(`subscriptions loaded: ${this.view.size}`);
    const keyring = new SigningKeyring(new SecretBox(this.options.secretsKeys));
    checkSealedSecretsOpen(this.view.sealedSecretSamples(), keyring);

    const producer = await TypedProducer.connect(this.kafka);
    this.producer = producer;
    const attempts = new AttemptLog(this.dataSource);
    const deadLetters = new DeadLetterStore(this.dataSource);
    const held = new HeldDeliveryStore(this.dataSource);
    const states = new SubscriptionStateStore(this.dataSource);
    this.sender = new HttpSender({
      allowPrivateTargets: this.options.allowPrivateTargets,
      allowedNetworks: this.options.privateTargetAllowlist,
    });
    const sender = this.sender;
    this.recorder = new OutcomeRecorder(
      {
        appendAttempts: (records) => attempts.appendMany(records),
        addDeadLetters: (records) => deadLetters.addMany(records),
        markHeld: async (jobs) => {
          await held.markHeld(jobs);
          for (const job of jobs) release.noteHeld(job);
        },
        saveCircuits: (records) => circuits.saveMany(records),
        sendMany: (batches) => producer.sendMany(batches),
      },
      this.options.flushMs,
    );
    const dispatch = new HandleDeliveryMessage({
      view: this.view,
      gates,
      deliver: new AttemptDelivery({
        send: (request) => sender.send(request),
        now: () => new Date(),
        maxRetryAfterMs: this.options.maxRetryAfterMs,
        retryJitter: this.options.retryJitter ?? NO_JITTER,
        userAgent: `Herald-Webhooks/${this.options.version}`,
        keyring,
        templateLimits: this.options.templateLimits ?? DEFAULT_TEMPLATE_LIMITS,
        credentials: new DeliveryCredentials({
          open: (sealed) => keyring.open(sealed),
          send: (request) => sender.send(request),
          tokens: new OAuthTokens({ ...DEFAULT_OAUTH_TOKENS_OPTIONS, now: () => Date.now() }),
        }),
      }),
      recorder: this.recorder,
      unrecorded: new UnrecordedOutcomes(UNRECORDED_OUTCOMES_KEPT),
      metrics,
      setState: async (subscription, state, reason, until) => {
        this.logger.warn(
          `subscription ${subscription.id} -> ${state}${reason ? ` (${reason})` : ''}`,
        );
        await states.setState(subscription.tenantId, subscription.id, state, reason, until);
      },
      now: () => new Date(),
    });
    const onError = (error: Error, topic: string, partition: number) =>
      this.logger.error(`deliveries on ${topic}/${partition} failed, retrying: ${error.message}`);
    const handler = new DeliveriesHandler(dispatch, {
      maxInFlight: this.options.maxInFlightPerInstance,
      maxMessageRetries: this.options.maxMessageRetries,
      onError,
      // A partition that moved here brings subscriptions whose circuits moved on elsewhere.
      onRebalance: () => gates.forgetLoaded(),
    });
    this.handler = handler;
    this.transport = new HeraldKafkaTransport({
      kafka: this.kafka,
      groupId: this.options.groupId ?? DISPATCHER_GROUP,
      bindings: {
        [TOPICS.deliveries]: deliveriesBinding(handler, async (message, poison) => {
          this.logger.warn(
            `${message.topic}/${message.partition}@${message.offset} sent to ${TOPICS.deliveriesDlq} (${poison.reason}): ${poison.detail}`,
          );
          await producer.sendRaw(TOPICS.deliveriesDlq, [deadJobMessage(message, poison)]);
        }),
      },
      registry: this.registry,
      partitionsConsumedConcurrently: this.options.partitionsConcurrently,
      explicitCommits: true,
      maxMessageRetries: this.options.maxMessageRetries,
      onError,
    }).bind(handler);
    await this.transport.start();
    await release.start();
  }

  /** The release of held deliveries, watching every subscription the changelog brings. */
  private heldRelease(gates: SubscriptionGates): HeldRelease {
    const events = new EventStore(this.dataSource);
    const metrics = new HeldReleaseMetrics(this.registry, () => release.pendingSubscriptions);
    const release = new HeldRelease(
      {
        subscription: (id) => this.view.get(id),
        pausedHere: (id, now) => gates.pausedHere(id, now),
        store: new HeldDeliveryStore(this.dataSource),
        findEvents: (tenantId, ids) => events.findByIds(tenantId, ids),
        send: async (jobs) => {
          if (!this.producer) throw new Error('the producer is not connected yet');
          await this.producer.send(
            TOPICS.deliveries,
            jobs.map((job) => ({ key: job.subscriptionId, value: job })),
          );
        },
        onReleased: (count) => metrics.released.inc(count),
        onDiscarded: (count) => metrics.discarded.inc({ reason: 'retention' }, count),
        onError: (error) => this.logger.warn(`held deliveries not released: ${error.message}`),
        now: () => new Date(),
      },
      this.options.heldReleaseMs ?? DEFAULT_HELD_RELEASE_MS,
    );
    this.view.observe((subscription) => release.watch(subscription));
    this.release = release;
    return release;
  }

  async stop(): Promise<void> {
    await this.release?.stop();
    this.limits?.stop();
    await this.handler?.drain(DRAIN_MS);
    await this.transport?.close();
    await this.recorder?.drain();
    await this.reader?.stop();
    await this.producer?.disconnect();
    await this.sender?.close();
  }
}
