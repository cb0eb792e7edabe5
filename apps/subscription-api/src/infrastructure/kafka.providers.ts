import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import { allTopics } from '@herald/contracts';
import { TypedProducer, createKafka, ensureTopics } from '@herald/kafka';
import { SubscriptionApiConfig } from '../subscription-api.config';
import { BatchingBus } from './batching-bus';
import { MESSAGE_BUS, MessageBus } from './message-bus';

const PRODUCER = Symbol('KafkaProducer');

@Injectable()
class ProducerLifecycle implements OnApplicationShutdown {
  constructor(@Inject(PRODUCER) private readonly producer: TypedProducer) {}

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }
}

/** Kafka for the API: topics ensured at start-up, one idempotent producer, batched sends. */
export const kafkaProviders: Provider[] = [
  {
    provide: PRODUCER,
    inject: [SubscriptionApiConfig],
    useFactory: async (config: SubscriptionApiConfig) => {
      const kafka = createKafka(config, 'subscription-api');
      await ensureTopics(kafka, allTopics());
      return TypedProducer.connect(kafka);
    },
  },
  {
    provide: MESSAGE_BUS,
    inject: [PRODUCER],
    useFactory: (producer: TypedProducer): MessageBus =>
      new BatchingBus((batches) => producer.sendMany(batches)),
  },
  ProducerLifecycle,
];
