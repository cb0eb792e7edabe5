import { randomUUID } from 'crypto';
import { InboundCloudEvent, TOPICS } from '@herald/contracts';
import { createKafkaForBrokers } from '@herald/kafka';

/** Produces a CloudEvent to `herald.events.inbound` with kafkajs, as a platform team would. */
export async function produceCloudEvent(
  brokers: string[],
  attributes: Omit<InboundCloudEvent, 'specversion' | 'id'> & { id?: string },
): Promise<InboundCloudEvent> {
  const event: InboundCloudEvent = {
    specversion: '1.0',
    id: attributes.id ?? randomUUID(),
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    ...attributes,
  };
  const producer = createKafkaForBrokers(brokers.join(','), 'herald-cli').producer({
    idempotent: true,
  });
  await producer.connect();
  try {
    await producer.send({
      topic: TOPICS.eventsInbound,
      acks: -1,
      messages: [{ key: event.tenantid ?? event.id, value: JSON.stringify(event) }],
    });
  } finally {
    await producer.disconnect();
  }
  return event;
}
