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
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  /** A change was committed while a round ran: start the next round at once. */
  private kicked = false;
  private lastRoundFailed = false;
  private readonly published: Counter;
  private readonly failures: Counter;
  private readonly lastSuccess: Gauge;

  constructor(
    private readonly outbox: OutboxStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(SubscriptionApiConfig) private readonly config: SubscriptionApiConfig,
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
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /**
   * Publishes soon rather than at the next poll: called after a change is committed, so a new
   * subscription reaches the changelog in milliseconds. Ignored while rounds are failing (the
   * back-off stands).
   */
  kick(): void {
    if (this.stopped || this.lastRoundFailed) return;
    if (this.running) {
      this.kicked = true;
      return;
    }
    clearTimeout(this.timer);
    this.schedule(0);
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

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.round().finally(() => {
        this.running = undefined;
      });
    }, delayMs);
    this.timer.unref();
  }

  private async round(): Promise<void> {
    let delay = this.config.HERALD_OUTBOX_POLL_MS;
    this.kicked = false;
    try {
      await this.publishPending();
      this.lastSuccess.setToCurrentTime();
      this.lastRoundFailed = false;
      if (this.kicked) delay = 0;
    } catch (error) {
      this.failures.inc();
      this.lastRoundFailed = true;
      delay = Math.min(delay * 10, 5_000);
      this.logger.warn(`outbox relay round failed, retrying: ${(error as Error).message}`);
    }
    this.schedule(delay);
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
