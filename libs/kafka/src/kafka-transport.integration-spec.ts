import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, MicroserviceOptions, Payload } from '@nestjs/microservices';
import { Kafka, Message, logLevel } from 'kafkajs';
import { Registry } from 'prom-client';
import { HEADERS, HeraldEvent, TOPICS, allTopics, validateHeraldEvent } from '@herald/contracts';
import { baseEvent } from '@herald/contracts/testing';
import { EmbeddedKafka, startEmbeddedKafka } from '@herald/embedded-kafka';
import { BatchContext, ConsumedMessage } from './consumer-runner';
import { encodeFor } from './json-codec';
import {
  HeraldKafkaTransport,
  KafkaBatch,
  KafkaBatchHandler,
  KafkaConsumers,
  KafkaTransportOptions,
  jsonCodec,
} from './kafka-transport';
import { deadJobMessage } from './poison-messages';
import { ensureTopics } from './topic-bootstrap';
import { TypedProducer } from './typed-producer';

@KafkaConsumers()
class EventConsumers {
  readonly seen: HeraldEvent[] = [];
  failOnce: Error | undefined;

  /** A getter on a consumer class: `bind` must not call it on the prototype. */
  get count(): number {
    return this.seen.length;
  }

  @KafkaBatchHandler(TOPICS.events)
  async events(
    @Payload() batch: KafkaBatch<HeraldEvent>,
    @Ctx() context: BatchContext,
  ): Promise<void> {
    if (this.failOnce) {
      const error = this.failOnce;
      this.failOnce = undefined;
      throw error;
    }
    for (const { value, message } of batch.messages) {
      this.seen.push(value);
      context.resolveOffset(message.offset);
    }
  }
}

const until = async (condition: () => boolean, what: string) => {
  for (let i = 0; i < 300 && !condition(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
};

describe('HeraldKafkaTransport on the embedded broker', () => {
  let broker: EmbeddedKafka;
  let kafka: Kafka;
  let producer: TypedProducer;
  let group = 0;

  beforeAll(async () => {
    broker = await startEmbeddedKafka();
    kafka = new Kafka({ clientId: 'transport-spec', brokers: [broker.brokers], logLevel: logLevel.NOTHING });
    await ensureTopics(kafka, allTopics());
    producer = await TypedProducer.connect(kafka);
  });
  afterAll(async () => {
    await producer?.disconnect();
    await broker?.stop();
  });

  const options = (forwarded: Message[][] = []): KafkaTransportOptions => ({
    kafka,
    groupId: `transport-spec-${++group}`,
    registry: new Registry(),
    bindings: {
      [TOPICS.events]: {
        codec: jsonCodec(TOPICS.events, validateHeraldEvent),
        quarantine: async (message: ConsumedMessage, poison) => {
          await producer.sendRaw(TOPICS.deliveriesDlq, [deadJobMessage(message, poison)]);
        },
        forwardInvalid: async (messages) => {
          forwarded.push(messages);
          await producer.sendRaw(TOPICS.eventsInvalid, messages);
        },
      },
    },
  });

  const listen = (transport: HeraldKafkaTransport) =>
    new Promise<void>((resolve, reject) =>
      transport.listen((error) => (error ? reject(error) : resolve())),
    );

  it('hands the decorated handler decoded events, and the invalid one to the invalid topic', async () => {
    const first = baseEvent({ id: 'evt_transport_1' });
    const second = baseEvent({ id: 'evt_transport_2' });
    await producer.sendRaw(TOPICS.events, [
      encodeFor(TOPICS.events, { key: 'acme', value: first }),
      { key: 'acme', value: '{"kind":"herald.event"' },
      encodeFor(TOPICS.events, { key: 'acme', value: second }),
    ]);
    const forwarded: Message[][] = [];
    const consumers = new EventConsumers();
    const transport = new HeraldKafkaTransport(options(forwarded)).bind(consumers);
    await listen(transport);
    try {
      await until(() => consumers.seen.some((e) => e.id === second.id), 'both valid events');
      expect(consumers.count).toBe(consumers.seen.length);
      expect(consumers.seen.filter((e) => e.id.startsWith('evt_transport_'))).toEqual([first, second]);
      const invalid = forwarded.flat();
      expect(invalid).toHaveLength(1);
      expect(String(invalid[0].value)).toBe('{"kind":"herald.event"');
      expect(invalid[0].headers).toMatchObject({
        [HEADERS.invalidCode]: 'invalid_envelope',
        [HEADERS.originalTopic]: TOPICS.events,
      });
    } finally {
      await transport.close();
    }
  });

  it('refuses a binding without a handler, and a handler declared twice', async () => {
    const none = new HeraldKafkaTransport(options());
    await expect(listen(none)).rejects.toThrow(/pattern herald.events has no handler/);

    const twice = new HeraldKafkaTransport(options())
      .bind(new EventConsumers())
      .bind(new EventConsumers());
    await expect(listen(twice)).rejects.toThrow(/herald.events has more than one handler/);
  });

  it('runs as a Nest microservice, and a handler error reaches the runner as thrown', async () => {
    const consumers = new EventConsumers();
    consumers.failOnce = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    @Module({ controllers: [EventConsumers], providers: [] })
    class ConsumersModule {}
    const errors: string[] = [];
    const transport = new HeraldKafkaTransport({
      ...options(),
      onError: (error) => errors.push(error.message),
    });
    const app = await NestFactory.createMicroservice<MicroserviceOptions>(ConsumersModule, {
      strategy: transport,
      logger: false,
    });
    const handler = app.get(EventConsumers);
    handler.failOnce = consumers.failOnce;
    await app.listen();
    try {
      await until(() => handler.seen.some((e) => e.id === 'evt_transport_2'), 'the retried batch');
      expect(errors).toEqual(['connect ECONNREFUSED 127.0.0.1:5432']);
    } finally {
      await app.close();
    }
  });
});
