import { CompressionTypes, Kafka, Message, Partitioners, Producer, ProducerConfig } from 'kafkajs';
import { HeraldTopic, PayloadOf } from '@herald/contracts';
import { OutgoingMessage, encodeFor } from './json-codec';

/** Largest produce request this producer builds (Kafka's default message.max.bytes is 1 MiB). */
const REQUEST_BYTES = 512 * 1024;

function sizeOf(message: Message): number {
  let size = 64; // record overhead: offsets, timestamps, lengths
  size += message.key ? Buffer.byteLength(message.key as string | Buffer) : 0;
  size += message.value ? Buffer.byteLength(message.value as string | Buffer) : 0;
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    size += name.length + (value ? Buffer.byteLength(value as string | Buffer) : 0);
  }
  return size;
}

/** Cuts topic batches into requests of at most `maxBytes` (a larger single message goes alone). */
export function splitBySize(
  batches: { topic: string; messages: Message[] }[],
  maxBytes: number,
): { topic: string; messages: Message[] }[][] {
  const requests: { topic: string; messages: Message[] }[][] = [];
  let request: { topic: string; messages: Message[] }[] = [];
  let bytes = 0;
  for (const { topic, messages } of batches) {
    let current: Message[] = [];
    for (const message of messages) {
      const size = sizeOf(message);
      if (bytes > 0 && bytes + size > maxBytes) {
        if (current.length > 0) request.push({ topic, messages: current });
        requests.push(request);
        request = [];
        current = [];
        bytes = 0;
      }
      current.push(message);
      bytes += size;
    }
    if (current.length > 0) request.push({ topic, messages: current });
  }
  if (request.length > 0) requests.push(request);
  return requests;
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
      messages.map((m) => encodeFor(topic, m)),
    );
  }

  /** Sends already-encoded messages (e.g. an invalid event forwarded byte for byte). */
  async sendRaw(topic: string, messages: Message[]): Promise<void> {
    await this.sendMany([{ topic, messages }]);
  }

  /**
   * Several topics in one request, in order. A large batch goes as several requests of at most
   * REQUEST_BYTES, so no record batch exceeds a broker's `message.max.bytes` (1 MiB by default).
   */
  async sendMany(batches: { topic: string; messages: Message[] }[]): Promise<void> {
    for (const topicMessages of splitBySize(batches, REQUEST_BYTES)) {
      await this.producer.sendBatch({
        topicMessages,
        acks: -1,
        compression: CompressionTypes.None,
      });
    }
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}
