import { Producer } from 'kafkajs';
import { OutboxMessage, OutboxStore } from '@herald/persistence';

/**
 * What subscription-api's outbox relay does, for specs: moves subscription changes from the
 * outbox to the changelog topic, so state changes made by the dispatcher reach every reader.
 */
export class OutboxPump {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly outbox: OutboxStore,
    private readonly producer: Producer,
  ) {}

  async pumpOnce(): Promise<void> {
    await this.outbox.publishPending(100, (messages) => this.publish(messages));
  }

  private async publish(messages: OutboxMessage[]): Promise<void> {
    const topics = [...new Set(messages.map((m) => m.topic))];
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: topics.map((topic) => ({
        topic,
        messages: messages
          .filter((m) => m.topic === topic)
          .map((m) => ({ key: m.key, value: m.value === null ? null : JSON.stringify(m.value) })),
      })),
    });
  }

  start(intervalMs = 50): void {
    const tick = () => {
      this.running = this.pumpOnce()
        .catch(() => undefined)
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
