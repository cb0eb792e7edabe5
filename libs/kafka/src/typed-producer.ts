import { CompressionTypes, Kafka, Message, Partitioners, Producer, ProducerConfig } from 'kafkajs';
import { HeraldTopic, PayloadOf } from '@herald/contracts';
import { encodeJson, kindHeaders } from './json-codec';

export interface OutgoingMessage<V> {
  key: string | null;
  value: V;
  headers?: Record<string, string>;
}

/**
 * A producer typed by topic: `send('herald.deliveries', [...])` only accepts delivery jobs.
 * Idempotent with acks=all by default, so a retried send never duplicates a message.
 */
export class TypedProducer {
  private constructor(private readonly producer: Producer) {}

  static async connect(kafka: Kafka, config: ProducerConfig = {}): Promise<TypedProducer> {
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      // Kafka's own murmur2 key hashing, so keys land where Java clients would put them.
      createPartitioner: Partitioners.DefaultPartitioner,
      ...config,
    });
    await producer.connect();
    return new TypedProducer(producer);
  }

  async send<T extends HeraldTopic>(
    topic: T,
    messages: OutgoingMessage<PayloadOf<T>>[],
  ): Promise<void> {
    if (messages.length === 0) return;
    await this.sendRaw(
      topic,
      messages.map((m) => ({
        key: m.key,
        value: encodeJson(m.value),
        headers: { ...kindHeaders(m.value), ...m.headers },
      })),
    );
  }

  /** Sends already-encoded messages (e.g. an invalid event forwarded byte for byte). */
  async sendRaw(topic: string, messages: Message[]): Promise<void> {
    if (messages.length === 0) return;
    await this.producer.send({ topic, messages, acks: -1, compression: CompressionTypes.None });
  }

  /** Several topics in one request, for a batch that must land together. */
  async sendMany(batches: { topic: string; messages: Message[] }[]): Promise<void> {
    const topicMessages = batches.filter((b) => b.messages.length > 0);
    if (topicMessages.length === 0) return;
    await this.producer.sendBatch({ topicMessages, acks: -1 });
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}
