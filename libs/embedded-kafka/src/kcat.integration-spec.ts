import { ChildProcess } from 'child_process';
import { Kafka } from 'kafkajs';
import { BrokerUnderTest } from '../test/broker-under-test';
import { eventually, startConformanceBrokerAndClient, uniqueName } from '../test/kafkajs-helpers';
import { kcat, kcatProcess, requireKcat } from '../test/kcat';

jest.setTimeout(60_000);

/** librdkafka (Debian's kcat) against the embedded broker, and interop with kafkajs. */
describe('embedded broker with kcat (librdkafka)', () => {
  let broker: BrokerUnderTest;
  let kafka: Kafka;
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    requireKcat();
    ({ broker, kafka } = await startConformanceBrokerAndClient({ initialRebalanceDelayMs: 100 }));
  });
  afterAll(async () => {
    for (const c of running) c.kill('SIGKILL');
    await broker.stop();
  });

  const b = (): string[] => ['-b', broker.brokers];

  it('lists metadata with -L', async () => {
    const topic = uniqueName('kcat-meta');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
    await admin.disconnect();
    const { stdout } = await kcat([...b(), '-L']);
    expect(stdout).toContain(`broker 1 at ${broker.brokers} (controller)`);
    expect(stdout).toContain(`topic "${topic}" with 2 partitions`);
  });

  it.each(['gzip', 'lz4', 'zstd', 'snappy'])(
    'produces with -z %s (idempotent) and consumes with -C -o beginning -e',
    async (codec) => {
      const topic = uniqueName(`kcat-${codec}`);
      const values = Array.from({ length: 20 }, (_, i) => `${codec}-${i}`);
      await kcat(
        [...b(), '-P', '-t', topic, '-z', codec, '-X', 'enable.idempotence=true', '-K:'],
        values.map((v, i) => `key${i}:${v}`).join('\n') + '\n',
      );
      const { stdout } = await kcat([
        ...b(),
        '-C',
        '-t',
        topic,
        '-o',
        'beginning',
        '-e',
        '-f',
        '%k=%s\\n',
      ]);
      expect(stdout.trim().split('\n').sort()).toEqual(values.map((v, i) => `key${i}=${v}`).sort());
    },
  );

  it('kafkajs consumes what kcat produced, and kcat what kafkajs produced', async () => {
    const topic = uniqueName('interop');
    await kcat([...b(), '-P', '-t', topic, '-p', '0', '-H', 'origin=kcat'], 'from-kcat\n');
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [{ value: 'from-kafkajs', partition: 0, headers: { origin: 'kafkajs' } }],
    });
    await producer.disconnect();

    const { stdout } = await kcat([
      ...b(),
      '-C',
      '-t',
      topic,
      '-p',
      '0',
      '-o',
      'beginning',
      '-e',
      '-f',
      '%s|%h\\n',
    ]);
    expect(stdout.trim().split('\n')).toEqual([
      'from-kcat|origin=kcat',
      'from-kafkajs|origin=kafkajs',
    ]);

    const consumer = kafka.consumer({ groupId: uniqueName('g'), maxWaitTimeInMs: 100 });
    const got: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) =>
        void got.push(`${message.value}|${message.headers?.origin}`),
    });
    await eventually(() => got.length === 2);
    await consumer.disconnect();
    expect(got).toEqual(['from-kcat|kcat', 'from-kafkajs|kafkajs']);
  });

  it('splits a topic between two kcat -G members of one group', async () => {
    const topic = uniqueName('kcat-group');
    const groupId = uniqueName('kcat-g');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 4 }] });
    const args = [
      ...b(),
      '-u',
      '-G',
      groupId,
      '-X',
      'auto.offset.reset=earliest',
      '-X',
      'session.timeout.ms=6000',
      '-f',
      '%p:%s\\n',
      topic,
    ];
    const one = kcatProcess(args);
    const two = kcatProcess(args);
    running.push(one.child, two.child);
    await eventually(
      async () => {
        const { groups } = await admin.describeGroups([groupId]);
        return groups[0].state === 'Stable' && groups[0].members.length === 2;
      },
      30_000,
      () => `two kcat members in a stable group\n${one.stderr()}\n${two.stderr()}`,
    );
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: Array.from({ length: 40 }, (_, i) => ({ value: `g${i}`, partition: i % 4 })),
    });
    await producer.disconnect();
    await eventually(
      () => one.lines.length + two.lines.length >= 40,
      30_000,
      'both members to consume 40 messages',
    );
    expect(one.lines.length).toBeGreaterThan(0);
    expect(two.lines.length).toBeGreaterThan(0);
    const partitionsOf = (lines: string[]) => new Set(lines.map((l) => l.split(':')[0]));
    const overlap = [...partitionsOf(one.lines)].filter((p) => partitionsOf(two.lines).has(p));
    expect(overlap).toEqual([]);
    expect([...one.lines, ...two.lines].map((l) => l.split(':')[1]).sort()).toEqual(
      Array.from({ length: 40 }, (_, i) => `g${i}`).sort(),
    );
    await admin.disconnect();
  });

  it('refuses a kcat member in a kafkajs group: INCONSISTENT_GROUP_PROTOCOL', async () => {
    const topic = uniqueName('mixed');
    const groupId = uniqueName('mixed-g');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: 6000,
      heartbeatInterval: 300,
      maxWaitTimeInMs: 100,
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async () => undefined });
    const member = kcatProcess([...b(), '-u', '-G', groupId, topic]);
    running.push(member.child);
    await eventually(
      () => /inconsistent group protocol/i.test(member.stderr()),
      30_000,
      () => `kcat to report error 23\n${member.stderr()}`,
    );
    const { groups } = await admin.describeGroups([groupId]);
    expect(groups[0].members).toHaveLength(1);
    member.child.kill('SIGKILL');
    await consumer.disconnect();
    await admin.disconnect();
  });
});
