import { Message } from 'kafkajs';
import { HeraldTopic, PayloadOf } from '@herald/contracts';
import { encodeFor, type OutgoingMessage } from '@herald/kafka';
import { MessageBus } from './message-bus';

interface Pending {
  topic: string;
  messages: Message[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Groups concurrent sends into one produce request: while a request is in flight, new messages
 * queue and go together in the next one. Under load many HTTP requests share one round trip;
 * alone, a message goes at once. Each caller still learns whether its own messages were acked.
 */
export class BatchingBus implements MessageBus {
  private queue: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly sendMany: (batches: { topic: string; messages: Message[] }[]) => Promise<void>,
  ) {}

  send<T extends HeraldTopic>(topic: T, messages: OutgoingMessage<PayloadOf<T>>[]): Promise<void> {
    return this.sendRaw(
      topic,
      messages.map((m) => encodeFor(topic, m)),
    );
  }

  sendRaw(topic: string, messages: Message[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ topic, messages, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      const byTopic = new Map<string, Message[]>();
      for (const p of batch) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), ...p.messages]);
      try {
        await this.sendMany([...byTopic].map(([topic, messages]) => ({ topic, messages })));
        batch.forEach((p) => p.resolve());
      } catch (error) {
        batch.forEach((p) => p.reject(error));
      }
    }
    this.flushing = false;
  }
}
