import { Message } from 'kafkajs';
import { HeraldTopic, PayloadOf } from '@herald/contracts';
import type { OutgoingMessage } from '@herald/kafka';

/** What the API needs from Kafka: @herald/kafka's TypedProducer has exactly this shape. */
export interface MessageBus {
  send<T extends HeraldTopic>(topic: T, messages: OutgoingMessage<PayloadOf<T>>[]): Promise<void>;
  sendRaw(topic: string, messages: Message[]): Promise<void>;
}

export const MESSAGE_BUS = Symbol('MessageBus');
