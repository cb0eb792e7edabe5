import { spawn } from 'child_process';
import { createConnection } from 'net';
import { join } from 'path';
import { Kafka, logLevel } from 'kafkajs';
import { ApacheKafkaCluster, startApacheKafka } from './apache-kafka';
import { repositoryRoot } from './kafka-distribution';

jest.setTimeout(120_000);

const kafkaFor = (cluster: ApacheKafkaCluster) =>
  new Kafka({
    clientId: 'apache-kafka-spec',
    brokers: cluster.brokers,
    logLevel: logLevel.NOTHING,
  });

async function readAll(kafka: Kafka, topic: string, expected: number): Promise<string[]> {
  const consumer = kafka.consumer({ groupId: `reader-${Date.now()}-${Math.random()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const values: string[] = [];
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        values.push(message.value!.toString());
        if (values.length >= expected) resolve();
      },
    });
  });
  await consumer.disconnect();
  return values.sort();
}

function portAcceptsConnections(hostPort: string): Promise<boolean> {
  const [host, port] = hostPort.split(':');
  return new Promise((resolve) => {
    const socket = createConnection({ host, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('startApacheKafka, one node', () => {
  let cluster: ApacheKafkaCluster;
  beforeAll(async () => (cluster = await startApacheKafka({ nodes: 1 })));
  afterAll(() => cluster?.stop());

  it('is a real Apache Kafka of the pinned version that kafkajs produces to and consumes from', async () => {
    expect(cluster.version).toMatch(/^4\./);
    const kafka = kafkaFor(cluster);
    const admin = kafka.admin();
    await admin.connect();
    const described = await admin.describeCluster();
    expect(described.clusterId).toBe(cluster.clusterId);
    expect(described.brokers.map((b) => `${b.host}:${b.port}`)).toEqual(cluster.brokers);
    await admin.createTopics({
      topics: [{ topic: 'spec.basics', numPartitions: 2 }],
      waitForLeaders: true,
    });
    await admin.disconnect();
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.send({ topic: 'spec.basics', messages: [{ value: 'a' }, { value: 'b' }] });
    await producer.disconnect();
    expect(await readAll(kafka, 'spec.basics', 2)).toEqual(['a', 'b']);
  });

  it('keeps its data across kill -9 and restart of the node', async () => {
    const kafka = kafkaFor(cluster);
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.send({ topic: 'spec.durable', acks: -1, messages: [{ value: 'kept' }] });
    await producer.disconnect();
    await cluster.killNode(0);
    expect(cluster.isRunning(0)).toBe(false);
    expect(await portAcceptsConnections(cluster.brokers[0])).toBe(false);
    await cluster.restartNode(0);
    expect(cluster.isRunning(0)).toBe(true);
    expect(await readAll(kafka, 'spec.durable', 1)).toEqual(['kept']);
  });
});

describe('startApacheKafka, a process that forgets to stop it', () => {
  it('takes the JVM with it when killed with SIGKILL', async () => {
    const root = repositoryRoot();
    const child = spawn(
      process.execPath,
      [join(root, 'scripts/run-ts.cjs'), join(__dirname, '../test/orphan-cluster.fixture.ts')],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const bootstrap = await new Promise<string>((resolve, reject) => {
      child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
      child.once('exit', (code) => reject(new Error(`fixture exited with ${code}`)));
    });
    expect(await portAcceptsConnections(bootstrap)).toBe(true);
    child.kill('SIGKILL');
    const deadline = Date.now() + 10_000;
    while ((await portAcceptsConnections(bootstrap)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await portAcceptsConnections(bootstrap)).toBe(false);
  });
});
