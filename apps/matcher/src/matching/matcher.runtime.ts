import { Logger } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { TOPICS, allTopics } from '@herald/contracts';
import {
  ChangelogReader,
  HeraldKafkaTransport,
  TypedProducer,
  encodeFor,
  encodeJobFor,
  ensureTopics,
} from '@herald/kafka';
import { SubscriptionIndex } from '@herald/matching';
import { DeliveryLog } from '@herald/persistence';
import { HeraldEventsConsumer, heraldEventsBinding } from './herald-events.handler';
import { IndexUpdater } from './index-updater';
import { MatchEvents } from './match-events.usecase';
import { MatchedSubscription } from './matched-subscription';
import { MatcherMetrics } from './matcher-metrics';

export const MATCHER_GROUP = 'herald-matcher';

/**
 * The matcher put together: the subscription index fed by the changelog, and, once the index
 * has loaded, the consumer of herald.events. Framework-free so integration tests run exactly
 * what the service runs.
 */
export class MatcherRuntime {
  readonly index = new SubscriptionIndex<MatchedSubscription>();
  private reader: ChangelogReader | undefined;
  private transport: HeraldKafkaTransport | undefined;
  private producer: TypedProducer | undefined;
  private readonly logger = new Logger('matcher');

  constructor(
    private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly registry: Registry,
    private readonly options: { groupId?: string; maxMessageRetries?: number } = {},
  ) {}

  /** Ready once the changelog that existed at start-up is in the index and events flow. */
  get isReady(): boolean {
    return (this.reader?.ready ?? false) && (this.transport?.isRunning ?? false);
  }

  async start(): Promise<void> {
    await ensureTopics(this.kafka, allTopics());
    const metrics = new MatcherMetrics(this.registry, () => this.index.size);
    const updater = new IndexUpdater(this.index, (id, reason) => {
      metrics.rejected.inc();
      this.logger.warn(`subscription ${id} left out of the index: ${reason}`);
    });
    this.reader = new ChangelogReader(this.kafka, updater, (reason) => {
      metrics.rejected.inc();
      this.logger.warn(reason);
    });
    await this.reader.start();
    await this.reader.loaded;
    this.logger.log(`subscription index loaded: ${this.index.size} subscriptions`);

    const producer = await TypedProducer.connect(this.kafka);
    this.producer = producer;
    const log = new DeliveryLog(this.dataSource);
    const matchEvents = new MatchEvents({
      index: this.index,
      recordPending: (records) => log.recordPendingMany(records),
      recordHeld: (records) => log.recordHeldMany(records),
      publish: (jobs) =>
        producer.sendRaw(
          TOPICS.deliveries,
          jobs.map(({ job, eventJson }) => {
            const message = { key: job.subscriptionId, value: job };
            return eventJson
              ? encodeJobFor(TOPICS.deliveries, message, eventJson)
              : encodeFor(TOPICS.deliveries, message);
          }),
        ),
      now: () => new Date(),
      observeMatch: (seconds) => metrics.duration.observe(seconds),
    });
    this.transport = new HeraldKafkaTransport({
      kafka: this.kafka,
      groupId: this.options.groupId ?? MATCHER_GROUP,
      bindings: {
        [TOPICS.events]: heraldEventsBinding((messages) =>
          producer.sendRaw(TOPICS.eventsInvalid, messages),
        ),
      },
      registry: this.registry,
      maxMessageRetries: this.options.maxMessageRetries,
      onError: (error, topic, partition) =>
        this.logger.error(`batch on ${topic}/${partition} failed, retrying: ${error.message}`),
      onPoison: (message, poison) =>
        this.logger.warn(
          `${message.topic}/${message.partition}@${message.offset} sent to ${TOPICS.eventsInvalid} (${poison.reason}): ${poison.detail}`,
        ),
    }).bind(new HeraldEventsConsumer(matchEvents, metrics));
    await this.transport.start();
  }

  async stop(): Promise<void> {
    await this.transport?.close();
    await this.reader?.stop();
    await this.producer?.disconnect();
  }
}
