import { Ctx, Payload } from '@nestjs/microservices';
import { Kafka } from 'kafkajs';
import { Registry } from 'prom-client';
import { TOPICS } from '@herald/contracts';
import { BatchContext, ConsumedMessage, HandlerDeclarationError } from './consumer-runner';
import {
  HeraldKafkaTransport,
  KafkaBatch,
  KafkaBatchHandler,
  KafkaConsumers,
  TopicBinding,
  asReceived,
} from './kafka-transport';

@KafkaConsumers()
class Consumers {
  @KafkaBatchHandler(TOPICS.events)
  events(@Payload() _batch: KafkaBatch<ConsumedMessage>, @Ctx() _context: BatchContext) {
    return Promise.resolve();
  }

  @KafkaBatchHandler('herald.retry.*')
  retries(@Payload() _batch: KafkaBatch<ConsumedMessage>, @Ctx() _context: BatchContext) {
    return Promise.resolve();
  }
}

const binding = (extra: Partial<TopicBinding> = {}): TopicBinding => ({
  codec: asReceived(),
  quarantine: async () => undefined,
  ...extra,
});

/** A broker with these topics, recording what the consumer subscribed to (if it got that far). */
function brokerWith(topics: string[]) {
  const subscribed: string[] = [];
  const kafka = {
    admin: () => ({
      connect: async () => undefined,
      listTopics: async () => topics,
      disconnect: async () => undefined,
    }),
    consumer: () => ({
      events: { GROUP_JOIN: 'consumer.group_join' },
      on: () => undefined,
      connect: async () => undefined,
      subscribe: async (request: { topics: string[] }) => void subscribed.push(...request.topics),
      run: async () => undefined,
      disconnect: async () => undefined,
    }),
  } as unknown as Kafka;
  return { kafka, subscribed };
}

function transport(kafka: Kafka, bindings: Record<string, TopicBinding>) {
  return new HeraldKafkaTransport({
    kafka,
    groupId: 'declarations-spec',
    registry: new Registry(),
    bindings,
  }).bind(new Consumers());
}

describe('consumer declarations, as the transport refuses them at start-up', () => {
  it('gives each existing topic its one handler, prefix patterns included', async () => {
    const broker = brokerWith(['herald.events', 'herald.retry.5s', 'herald.retry.1m', 'other']);
    const consumers = transport(broker.kafka, {
      [TOPICS.events]: binding(),
      'herald.retry.*': binding(),
    });
    await consumers.start();
    await consumers.close();
    expect(broker.subscribed).toEqual(['herald.events', 'herald.retry.5s', 'herald.retry.1m']);
  });

  it('refuses a topic claimed by two patterns', async () => {
    const broker = brokerWith(['herald.events', 'herald.retry.5s']);
    const consumers = transport(broker.kafka, {
      [TOPICS.events]: binding({ alsoOwns: [/^herald\.retry\.5s$/] }),
      'herald.retry.*': binding(),
    });
    await expect(consumers.start()).rejects.toThrow(
      /topic herald.retry.5s has 2 handlers \(herald.events, herald.retry.\*\)/,
    );
    expect(broker.subscribed).toEqual([]);
  });

  it('refuses a declared topic that does not exist', async () => {
    const broker = brokerWith(['herald.events', 'herald.retry.5s']);
    const consumers = transport(broker.kafka, {
      [TOPICS.events]: binding({ alsoOwns: ['orders.domain'] }),
      'herald.retry.*': binding(),
    });
    await expect(consumers.start()).rejects.toThrow(HandlerDeclarationError);
    await expect(consumers.start()).rejects.toThrow(
      /pattern herald.events declares topic orders.domain, which does not exist/,
    );
  });

  it('refuses a topic with no handler, and a handler with no topic binding', async () => {
    const broker = brokerWith(['herald.events', 'herald.deliveries']);
    const orphan = transport(broker.kafka, {
      [TOPICS.events]: binding(),
      'herald.retry.*': binding(),
      [TOPICS.deliveries]: binding(),
    });
    await expect(orphan.start()).rejects.toThrow(/pattern herald.deliveries has no handler/);
    const unbound = transport(broker.kafka, { [TOPICS.events]: binding() });
    await expect(unbound.start()).rejects.toThrow(
      /pattern herald.retry.\* has a handler but no binding/,
    );
    expect(broker.subscribed).toEqual([]);
  });

  it('refuses a pattern that decodes with nowhere to forward what it cannot', async () => {
    const broker = brokerWith(['herald.events']);
    const consumers = transport(broker.kafka, {
      [TOPICS.events]: binding({
        codec: { decode: () => ({ ok: false, code: 'invalid_envelope', detail: '' }) },
      }),
      'herald.retry.*': binding(),
    });
    await expect(consumers.start()).rejects.toThrow(
      /herald.events decodes but has nowhere to forward/,
    );
  });
});
