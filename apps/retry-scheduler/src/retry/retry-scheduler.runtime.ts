import { Logger } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { TOPICS, allTopics } from '@herald/contracts';
import { HeraldKafkaTransport, TypedProducer, ensureTopics } from '@herald/kafka';
import { CanarySchedule } from '@herald/persistence';
import { CanarySender } from '../canary/canary-sender';
import { RetryMetrics } from './retry-metrics';
import { RETRY_TOPICS, RetryTopicsHandler, retryTopicsBinding } from './retry-topics.handler';

export const RETRY_SCHEDULER_GROUP = 'herald-retry-scheduler';

export interface RetrySchedulerOptions {
  canaryPollMs: number;
  groupId?: string;
  /** Failures of one message of no known class before it is quarantined. */
  maxMessageRetries?: number;
  /** Retry topics per instance consumed concurrently (there are many small ones). */
  partitionsConcurrently?: number;
}

/** The retry-scheduler put together, framework-free (specs and benchmarks run this). */
export class RetrySchedulerRuntime {
  private transport: HeraldKafkaTransport | undefined;
  private producer: TypedProducer | undefined;
  private handler: RetryTopicsHandler | undefined;
  private canary: CanarySender | undefined;
  private readonly logger = new Logger('retry-scheduler');

  constructor(
    private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly registry: Registry,
    private readonly options: RetrySchedulerOptions,
  ) {}

  get isReady(): boolean {
    return this.transport?.isRunning ?? false;
  }

  async start(): Promise<void> {
    await ensureTopics(this.kafka, allTopics());
    const producer = await TypedProducer.connect(this.kafka);
    this.producer = producer;
    const metrics = new RetryMetrics(this.registry, () => this.handler?.waitingPartitions ?? 0);
    const handler = new RetryTopicsHandler(
      (messages) => producer.sendRaw(TOPICS.deliveries, messages),
      (batches) => producer.sendMany(batches),
      metrics,
    );
    this.handler = handler;
    this.transport = new HeraldKafkaTransport({
      kafka: this.kafka,
      groupId: this.options.groupId ?? RETRY_SCHEDULER_GROUP,
      bindings: {
        [RETRY_TOPICS]: retryTopicsBinding(handler, (messages) =>
          producer.sendRaw(TOPICS.deliveriesDlq, messages),
        ),
      },
      registry: this.registry,
      partitionsConsumedConcurrently: this.options.partitionsConcurrently ?? 8,
      maxMessageRetries: this.options.maxMessageRetries,
      onError: (error, topic, partition) =>
        this.logger.error(`batch on ${topic}/${partition} failed, retrying: ${error.message}`),
      onPoison: (message, poison) =>
        this.logger.warn(
          `${message.topic}/${message.partition}@${message.offset} sent to ${TOPICS.deliveriesDlq} (${poison.reason}): ${poison.detail}`,
        ),
    }).bind(handler);
    await this.transport.start();
    const schedule = new CanarySchedule(this.dataSource);
    this.canary = new CanarySender(
      {
        claimDue: (now, limit) => schedule.claimDue(now, limit),
        publish: (jobs) =>
          producer.send(
            TOPICS.deliveries,
            jobs.map((job) => ({ key: job.subscriptionId, value: job })),
          ),
        onSent: (count) => metrics.canaries.inc(count),
        now: () => new Date(),
      },
      this.options.canaryPollMs,
    );
    this.canary.start();
  }

  async stop(): Promise<void> {
    await this.canary?.stop();
    this.handler?.stop();
    await this.transport?.close();
    await this.producer?.disconnect();
  }
}
