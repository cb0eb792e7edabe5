import { ChildProcess, spawn } from 'child_process';
import { AssignerProtocol, Consumer, Kafka } from 'kafkajs';
import { join } from 'path';
import { createInterface } from 'readline';
import { BrokerUnderTest } from '../../test/broker-under-test';
import { RawClient } from '../../test/raw-client';
import { type DecodedResponse, kafkajsCall } from '../../test/kafkajs-protocol';
import {
  createTopicsAndWait,
  eventually,
  startConformanceBrokerAndClient,
  uniqueName,
} from '../../test/kafkajs-helpers';

const ROOT = join(__dirname, '..', '..', '..', '..');

/**
 * Three kafkajs members on a 6-partition topic: members join, one leaves, one is killed
 * (SIGKILL, no LeaveGroup) and a new one joins. Every stable generation's assignment covers
 * the six partitions exactly once, and every produced message is consumed.
 */
jest.setTimeout(30_000);

describe('consumer group rebalancing with three kafkajs members', () => {
  let broker: BrokerUnderTest;
  let kafka: Kafka;
  const children: ChildProcess[] = [];
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    ({ broker, kafka } = await startConformanceBrokerAndClient({ initialRebalanceDelayMs: 200 }));
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined)));
    await broker.stop();
  });

  it('keeps every generation complete and disjoint through join, leave and kill', async () => {
    const topic = uniqueName('rebalance');
    const groupId = uniqueName('group');
    const admin = kafka.admin();
    await admin.connect();
    await createTopicsAndWait(admin, [{ topic, numPartitions: 6 }]);
    const seen = new Set<string>();

    const startInProcess = async (): Promise<Consumer> => {
      const consumer = kafka.consumer({
        groupId,
        sessionTimeout: 3000,
        heartbeatInterval: 200,
        maxWaitTimeInMs: 100,
      });
      consumers.push(consumer);
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => void seen.add(String(message.value)),
      });
      return consumer;
    };
    const startChild = (): ChildProcess => {
      const child = spawn(
        process.execPath,
        [
          join(ROOT, 'scripts/run-ts.cjs'),
          join(ROOT, 'libs/embedded-kafka/test/consumer-child.ts'),
          broker.brokers,
          topic,
          groupId,
        ],
        {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      children.push(child);
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const event = JSON.parse(line) as { type: string; value?: string };
        if (event.type === 'message') seen.add(String(event.value));
      });
      return child;
    };
    /** Waits for a Stable group of `n` members whose assignment is complete and disjoint. */
    const expectStableGeneration = async (n: number): Promise<void> => {
      let last = '';
      await eventually(
        async () => {
          const {
            groups: [g],
          } = await admin.describeGroups([groupId]);
          const partitions = g.members.flatMap((m) => {
            const a = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
            return a?.assignment[topic] ?? [];
          });
          last = `${g.state}:${g.members.length}:${partitions.sort((x, y) => x - y).join(',')}`;
          return last === `Stable:${n}:0,1,2,3,4,5`;
        },
        30_000,
        () => `a stable generation of ${n} members (last seen ${last})`,
      );
    };
    const producer = kafka.producer();
    await producer.connect();
    let sent = 0;
    const produce = async (count: number): Promise<void> => {
      const messages = Array.from({ length: count }, () => ({ value: `m${sent++}` }));
      await producer.send({ topic, messages });
    };

    const a = await startInProcess();
    await startInProcess();
    const c = startChild();
    await expectStableGeneration(3);
    await produce(100);

    await a.disconnect(); // LeaveGroup
    await expectStableGeneration(2);
    await produce(100);

    c.kill('SIGKILL'); // no LeaveGroup: the session expires
    await expectStableGeneration(1);
    await produce(100);

    await startInProcess();
    await expectStableGeneration(2);
    await produce(100);

    await eventually(() => seen.size === sent, 30_000, `all ${sent} messages consumed`);
    expect([...seen].sort()).toEqual(Array.from({ length: sent }, (_, i) => `m${i}`).sort());
    await producer.disconnect();
    await admin.disconnect();
  }, 90_000);

  it('answers ILLEGAL_GENERATION to a member that uses a previous generation', async () => {
    const topic = uniqueName('stale');
    const groupId = uniqueName('group');
    const admin = kafka.admin();
    await admin.connect();
    await createTopicsAndWait(admin, [{ topic, numPartitions: 3 }]);
    await admin.disconnect();
    const client = await RawClient.open(broker.host, broker.port);
    const metadata = AssignerProtocol.MemberMetadata.encode({
      version: 0,
      topics: [topic],
      userData: Buffer.alloc(0),
    });
    const join = (memberId: string) =>
      kafkajsCall(client, 'JoinGroup', 5, {
        groupId,
        sessionTimeout: 5000,
        rebalanceTimeout: 5000,
        memberId,
        protocolType: 'consumer',
        groupProtocols: [{ name: 'RoundRobinAssigner', metadata }],
      });
    // Apache Kafka answers NOT_COORDINATOR / COORDINATOR_LOAD_IN_PROGRESS while it loads the
    // group's __consumer_offsets partition (kafkajs retries the same way).
    let first: DecodedResponse = { errorCode: -1 };
    await eventually(async () => ![14, 15, 16].includes((first = await join('')).errorCode));
    const gen1 = await join(first.memberId);
    const rawId: string = gen1.memberId;
    expect(gen1.generationId).toBe(1);
    const everything = AssignerProtocol.MemberAssignment.encode({
      version: 0,
      assignment: { [topic]: [0, 1, 2] },
      userData: Buffer.alloc(0),
    });
    await kafkajsCall(client, 'SyncGroup', 3, {
      groupId,
      generationId: 1,
      memberId: rawId,
      groupAssignment: [{ memberId: rawId, memberAssignment: everything }],
    });

    // A kafkajs member joins; the raw member (still leader) rejoins and gives it everything.
    const seen: string[] = [];
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: 5000,
      heartbeatInterval: 200,
      maxWaitTimeInMs: 100,
    });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    // run() resolves only once the member has joined, which waits for the raw member.
    const running = consumer.run({
      eachMessage: async ({ message }) => void seen.push(String(message.value)),
    });
    await eventually(
      async () =>
        (
          await kafkajsCall(client, 'Heartbeat', 3, {
            groupId,
            groupGenerationId: 1,
            memberId: rawId,
          })
        ).errorCode === 27,
    );
    const gen2 = await join(rawId);
    expect(gen2.generationId).toBe(2);
    const other = gen2.members.find((m: { memberId: string }) => m.memberId !== rawId).memberId;
    await kafkajsCall(client, 'SyncGroup', 3, {
      groupId,
      generationId: 2,
      memberId: rawId,
      groupAssignment: [{ memberId: other, memberAssignment: everything }],
    });
    await running;

    expect(
      (
        await kafkajsCall(client, 'Heartbeat', 3, {
          groupId,
          groupGenerationId: 1,
          memberId: rawId,
        })
      ).errorCode,
    ).toBe(22);
    const staleCommit = await kafkajsCall(client, 'OffsetCommit', 5, {
      groupId,
      groupGenerationId: 1,
      memberId: rawId,
      topics: [{ topic, partitions: [{ partition: 0, offset: '1' }] }],
    });
    expect(staleCommit.responses[0].partitions[0].errorCode).toBe(22);

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'after-rebalance' }] });
    await producer.disconnect();
    await eventually(
      () => seen.includes('after-rebalance'),
      20_000,
      'the kafkajs member to consume',
    );
    client.close();
  }, 60_000);
});
