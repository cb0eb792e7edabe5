import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { HeraldTopic, PayloadOf } from '@herald/contracts';
import { encodeFor } from '@herald/kafka';
import { OutboxMessage, OutboxStore } from '@herald/persistence';
import { MESSAGE_BUS, MessageBus } from '../infrastructure/message-bus';
import { PollingLoop } from '../infrastructure/polling-loop';
import { SubscriptionApiConfig } from '../subscription-api.config';

const BATCH = 500;
/** How long `drain` waits before asking again while another relay holds the lock. */
const BUSY_RETRY_MS = 25;

/**
 * Publishes the outbox to Kafka in id order (one relay at a time across instances, by advisory
 * lock) and marks rows published only after the broker acknowledged them. A crash between the
 * two publishes a message twice, which the compacted changelog and the revision number absorb.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutboxRelay');
  private readonly loop: PollingLoop;
  private readonly published: Counter;
  private readonly failures: Counter;
  private readonly lastSuccess: Gauge;

  constructor(
    private readonly outbox: OutboxStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(SubscriptionApiConfig) config: SubscriptionApiConfig,
    registry: Registry,
  ) {
    this.published = new Counter({
      name: 'herald_outbox_published_total',
      help: 'Outbox messages published to Kafka',
      registers: [registry],
    });
    this.failures = new Counter({
      name: 'herald_outbox_publish_failures_total',
      help: 'Outbox relay rounds that failed (retried on the next round)',
      registers: [registry],
    });
    this.lastSuccess = new Gauge({
      name: 'herald_outbox_last_success_timestamp_seconds',
      help: 'When the outbox relay last completed a round',
      registers: [registry],
    });
    this.loop = new PollingLoop(() => this.round(), {
      intervalMs: config.HERALD_OUTBOX_POLL_MS,
      backoffMs: Math.min(config.HERALD_OUTBOX_POLL_MS * 10, 5_000),
      onError: (error) => {
        this.failures.inc();
        this.logger.warn(`outbox relay round failed, retrying: ${(error as Error).message}`);
      },
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  /**
   * Publishes soon rather than at the next poll: called after a change is committed, so a new
   * subscription reaches the changelog in milliseconds. Ignored while rounds are failing (the
   * back-off stands).
   */
  kick(): void {
    if (!this.loop.failing) this.loop.kick();
  }

  /**
   * Publishes until the outbox is empty, waiting out any other relay (this instance's own
   * round or another instance) that holds the lock; returns how many messages this call sent.
   */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const { published, busy } = await this.publishPending();
      total += published;
      if (!busy) return total;
      await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
    }
  }

  /** Publishes what is there; when another relay holds the lock, leaves it to that one. */
  private publishPending(): Promise<{ published: number; busy: boolean }> {
    return this.outbox.publishPending(BATCH, (messages) => this.publish(messages));
  }

  private async round(): Promise<void> {
    await this.publishPending();
    this.lastSuccess.setToCurrentTime();
  }

  private async publish(messages: OutboxMessage[]): Promise<void> {
    const byTopic = new Map<string, OutboxMessage[]>();
    for (const m of messages) {
      const group = byTopic.get(m.topic);
      if (group) group.push(m);
      else byTopic.set(m.topic, [m]);
    }
    for (const [topic, group] of byTopic) {
      await this.bus.sendRaw(
        topic,
        // Outbox rows were written typed for their topic (appendSubscriptionChange, ...).
        group.map((m) =>
          encodeFor(topic as HeraldTopic, {
            key: m.key,
            value: m.value as PayloadOf<HeraldTopic>,
          }),
        ),
      );
    }
    this.published.inc(messages.length);
  }
}
