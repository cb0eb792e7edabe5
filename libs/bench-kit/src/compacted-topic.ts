import { Kafka, Partitioners, logLevel } from 'kafkajs';

/** A keyed record to produce (the value as text, as JSON codecs write it). */
export interface KeyedText {
  key: string;
  value: string;
}

export interface FilledTopic {
  records: number;
  bytes: number;
  seconds: number;
}

/** Records per produce request, and produce requests in flight at once. */
const PER_REQUEST = 1_000;
const IN_FLIGHT = 4;

/**
 * Creates a compacted topic and produces `records` to it (acks from every replica, kafkajs's
 * Java-compatible partitioner, as Herald's producers use): the changelog a rebuild bench then
 * reads back. The records are produced as they are generated, never held all at once.
 */
export async function fillCompactedTopic(
  brokers: string,
  topic: string,
  partitions: number,
  records: Iterable<KeyedText>,
): Promise<FilledTopic> {
  const kafka = new Kafka({
    clientId: 'herald-bench-changelog',
    brokers: brokers.split(','),
    logLevel: logLevel.ERROR,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic,
          numPartitions: partitions,
          configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
        },
      ],
    });
  } finally {
    await admin.disconnect();
  }
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  const started = process.hrtime.bigint();
  let count = 0;
  let bytes = 0;
  const inFlight = new Set<Promise<void>>();
  let failure: Error | undefined;
  const send = async (messages: KeyedText[]) => {
    const sent: Promise<void> = producer.send({ topic, acks: -1, messages }).then(
      () => void inFlight.delete(sent),
      (error: Error) => {
        failure ??= error;
        inFlight.delete(sent);
      },
    );
    inFlight.add(sent);
    if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    if (failure) throw failure;
  };
  try {
    let batch: KeyedText[] = [];
    for (const record of records) {
      batch.push(record);
      count++;
      bytes += record.key.length + Buffer.byteLength(record.value);
      if (batch.length === PER_REQUEST) {
        await send(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await send(batch);
    await Promise.all(inFlight);
    if (failure) throw failure;
  } finally {
    await producer.disconnect();
  }
  return { records: count, bytes, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
