import { InboundCloudEvent } from './cloudevent';
import { DeliveryJob, HeraldEvent, SubscriptionRecord } from './messages';
import { TOPICS } from './topics';

/**
 * Topic → payload type. A producer or handler for a topic gets its payload type from here,
 * so a job can never be written to the events topic by mistake.
 */
export interface TopicPayloads {
  [TOPICS.eventsInbound]: InboundCloudEvent;
  [TOPICS.eventsOperational]: InboundCloudEvent;
  [TOPICS.events]: HeraldEvent;
  [TOPICS.eventsInvalid]: unknown;
  [TOPICS.eventsDeferred]: HeraldEvent;
  [TOPICS.deliveries]: DeliveryJob;
  [TOPICS.deliveriesDlq]: DeliveryJob;
  [TOPICS.subscriptionsChangelog]: SubscriptionRecord | null;
}

export type RetryTopicName = `herald.retry.${string}`;
export type HeraldTopic = keyof TopicPayloads | RetryTopicName;
export type PayloadOf<T extends HeraldTopic> = T extends keyof TopicPayloads
  ? TopicPayloads[T]
  : DeliveryJob;
