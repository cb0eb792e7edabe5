// Benchmark of the embedded broker with kafkajs (not a test): `npm run bench:kafka [-- --messages N]`.
// Produce and consume throughput for 1 KiB messages in batches of 100, produce-to-consume
// latency at 1,000 messages/s, and the broker's RSS (broker in its own process, with a data dir).
import { mkdtempSync, rmSync } from 'fs';
import { Kafka, logLevel } from 'kafkajs';
import { tmpdir } from 'os';
import { join } from 'path';
import { BrokerProcess, startBrokerProcess } from '@herald/bench-kit';

// Flags: --messages N (default 200000), --in-flight N (8), --latency-messages N (10000), --in-memory.
const MESSAGE_BYTES = 1024;
const BATCH = 100;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ek-bench-'));
  const inMemory = process.argv.includes('--in-memory');
  const broker = await startBrokerProcess(inMemory ? undefined : dataDir);
  try {
    await run(broker, inMemory);
  } finally {
    await broker.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function run(broker: BrokerProcess, inMemory: boolean): Promise<void> {
  const total = arg('messages', 200_000);
  const inFlight = arg('in-flight', 8);
  const kafka = new Kafka({
    clientId: 'bench',
    brokers: [broker.brokers],
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [
      { topic: 'bench', numPartitions: 6 },
      { topic: 'latency', numPartitions: 1 },
    ],
  });
  await admin.disconnect();
  const rssStart = broker.rssMb();

  // Produce: batches of 100 x 1 KiB, `inFlight` requests outstanding.
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const payload = Buffer.alloc(MESSAGE_BYTES, 'x');
  const messages = Array.from({ length: BATCH }, () => ({ value: payload }));
  let batches = 0;
  const produceStart = process.hrtime.bigint();
  const worker = async (): Promise<void> => {
    while (batches * BATCH < total) {
      const partition = batches++ % 6;
      await producer.send({ topic: 'bench', messages: messages.map((m) => ({ ...m, partition })) });
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const produceSeconds = Number(process.hrtime.bigint() - produceStart) / 1e9;
  const produced = batches * BATCH;
  const rssAfterProduce = broker.rssMb();

  // Consume everything from the beginning through a consumer group.
  const consumer = kafka.consumer({
    groupId: 'bench',
    maxBytesPerPartition: 4 << 20,
    maxBytes: 16 << 20,
  });
  await consumer.connect();
  await consumer.subscribe({ topic: 'bench', fromBeginning: true });
  let consumed = 0;
  let consumeStart = 0n;
  const allConsumed = new Promise<void>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        if (consumeStart === 0n) consumeStart = process.hrtime.bigint();
        consumed += batch.messages.length;
        if (consumed >= produced) resolve();
      },
    });
  });
  await allConsumed;
  const consumeSeconds = Number(process.hrtime.bigint() - consumeStart) / 1e9;
  await consumer.disconnect();

  // Latency: one message per millisecond, timed from send() to eachMessage.
  const latencyConsumer = kafka.consumer({ groupId: 'latency', maxWaitTimeInMs: 500 });
  await latencyConsumer.connect();
  await latencyConsumer.subscribe({ topic: 'latency', fromBeginning: false });
  const latencies: number[] = [];
  const sentAt = new Map<string, bigint>();
  const latencyMessages = arg('latency-messages', 10_000);
  const received = new Promise<void>((resolve) => {
    void latencyConsumer.run({
      eachMessage: async ({ message }) => {
        const start = sentAt.get(String(message.key));
        if (start !== undefined) latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
        if (latencies.length >= latencyMessages) resolve();
      },
    });
  });
  await new Promise((r) => setTimeout(r, 1000)); // let the group settle at the log end
  const rateStart = Date.now();
  const sends: Promise<unknown>[] = [];
  for (let i = 0; i < latencyMessages; i++) {
    const due = rateStart + i; // 1,000 messages/s
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const key = String(i);
    sentAt.set(key, process.hrtime.bigint());
    sends.push(producer.send({ topic: 'latency', messages: [{ key, value: payload }] }));
  }
  await Promise.all(sends);
  await received;
  await latencyConsumer.disconnect();
  await producer.disconnect();
  const rssEnd = broker.rssMb();

  latencies.sort((a, b) => a - b);
  const mb = (n: number, s: number) => ((n * MESSAGE_BYTES) / (1024 * 1024) / s).toFixed(1);
  console.log(
    `embedded-kafka benchmark (kafkajs 2.2.4, 1 KiB messages, batches of ${BATCH}, ${inMemory ? 'in memory' : 'data dir on disk'})`,
  );
  console.log(
    `produce:  ${produced} msgs in ${produceSeconds.toFixed(2)} s = ${Math.round(produced / produceSeconds)} msg/s, ${mb(produced, produceSeconds)} MB/s (${inFlight} requests in flight)`,
  );
  console.log(
    `consume:  ${consumed} msgs in ${consumeSeconds.toFixed(2)} s = ${Math.round(consumed / consumeSeconds)} msg/s, ${mb(consumed, consumeSeconds)} MB/s`,
  );
  console.log(
    `latency at 1,000 msg/s (${latencies.length} msgs): p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms, max ${latencies[latencies.length - 1].toFixed(2)} ms`,
  );
  console.log(
    `broker RSS: ${rssStart.toFixed(0)} MB at start, ${rssAfterProduce.toFixed(0)} MB after producing ${produced} msgs, ${rssEnd.toFixed(0)} MB at the end`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
