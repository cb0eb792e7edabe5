import { servedVersions, SUPPORTED_VERSIONS, VersionRange } from './api-keys';
import { BrokerUnderTest, startConformanceBroker } from '../../test/broker-under-test';
import { eventually } from '../../test/kafkajs-helpers';
import { RawClient } from '../../test/raw-client';
import { Compression, type DecodedResponse, kafkajsCall } from '../../test/kafkajs-protocol';
import { Reader } from './reader';
import { Writer } from './writer';

/**
 * Every (api, version) the embedded broker serves is exercised with requests encoded and
 * responses decoded by kafkajs's own protocol modules (ApiVersions v3/v4, which kafkajs
 * lacks, by hand as librdkafka sends them). With HERALD_TEST_KAFKA=apache the same
 * assertions run against Apache Kafka.
 */
jest.setTimeout(30_000);

/** COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR: ask again. */
const RETRIABLE = new Set([14, 15, 16]);

/** Every version we serve lies inside the range the broker advertised for that API. */
function coversServedVersions(advertised: VersionRange[]): void {
  for (const ours of SUPPORTED_VERSIONS) {
    const theirs = advertised.find((v) => v.apiKey === ours.apiKey);
    expect({ apiKey: ours.apiKey, min: theirs?.min, max: theirs?.max }).toEqual({
      apiKey: ours.apiKey,
      min: ours.min,
      max: expect.any(Number),
    });
    expect(theirs!.max).toBeGreaterThanOrEqual(ours.max);
  }
}

/** A raw frame: size prefix, then header and body as written. */
function frameOf(payload: Writer): Buffer {
  const bytes = payload.toBuffer();
  const frame = Buffer.concat([Buffer.alloc(4), bytes]);
  frame.writeInt32BE(bytes.length, 0);
  return frame;
}

describe('codec conformance with kafkajs protocol modules', () => {
  let broker: BrokerUnderTest;
  let client: RawClient;
  const errors: string[] = [];
  const range = servedVersions;

  /** CreateTopics, then waits until every partition answers ListOffsets (Apache takes a moment). */
  const createTopic = async (topic: string, partitions: number): Promise<void> => {
    const created = await kafkajsCall(client, 'CreateTopics', 2, {
      topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
      timeout: 5000,
    });
    expect(created.topicErrors[0].errorCode).toBe(0);
    const indexes = Array.from({ length: partitions }, (_, partition) => ({
      partition,
      timestamp: -1,
    }));
    await eventually(async () => {
      const res = await kafkajsCall(client, 'ListOffsets', 1, {
        replicaId: -1,
        topics: [{ topic, partitions: indexes }],
      });
      return (res.responses[0]?.partitions ?? []).every(
        (p: { errorCode: number }) => p.errorCode === 0,
      );
    });
  };

  beforeAll(async () => {
    broker = await startConformanceBroker({
      initialRebalanceDelayMs: 0,
      onError: (e) => errors.push(e.message),
    });
    client = await RawClient.open(broker.host, broker.port);
  });
  afterAll(async () => {
    client.close();
    await broker.stop();
  });

  it.each([0, 1, 2])('ApiVersions v%i lists every API we serve', async (version) => {
    const res = await kafkajsCall(client, 'ApiVersions', version, {});
    expect(res.errorCode).toBe(0);
    const advertised = res.apiVersions.map(
      (v: { apiKey: number; minVersion: number; maxVersion: number }) => ({
        apiKey: v.apiKey,
        min: v.minVersion,
        max: v.maxVersion,
      }),
    );
    coversServedVersions(advertised);
    if (broker.kind === 'embedded') expect(advertised).toEqual(SUPPORTED_VERSIONS);
  });

  it.each([3, 4])(
    'ApiVersions v%i (flexible, as librdkafka sends it) lists the table',
    async (version) => {
      const request = new Writer().int16(18).int16(version).int32(77).nullableString('rdkafka');
      request.uvarint(0).compactString('librdkafka').compactString('2.0.2').uvarint(0);
      const res = new Reader(await client.request(frameOf(request)));
      expect(res.int32()).toBe(77);
      expect(res.int16()).toBe(0);
      const n = res.uvarint() - 1;
      const got = Array.from({ length: n }, () => {
        const v = { apiKey: res.int16(), min: res.int16(), max: res.int16() };
        res.taggedFields();
        return v;
      });
      coversServedVersions(got);
      if (broker.kind === 'embedded') expect(got).toEqual(SUPPORTED_VERSIONS);
      expect(res.int32()).toBe(0);
      res.taggedFields(); // Apache Kafka adds tagged fields (features) here; skipped, not asserted.
      expect(res.remaining).toBe(0);
    },
  );

  it('ApiVersions v5 is answered with error 35 in the v0 layout, listing only ApiVersions 0-4, and the socket stays open', async () => {
    const request = new Writer().int16(18).int16(5).int32(78).nullableString('x');
    request.uvarint(0).uvarint(1).uvarint(1).uvarint(0);
    const res = new Reader(await client.request(frameOf(request)));
    expect(res.int32()).toBe(78);
    expect(res.int16()).toBe(35);
    expect(res.array((r) => [r.int16(), r.int16(), r.int16()])).toEqual([[18, 0, 4]]);
    expect(res.remaining).toBe(0);
    expect((await kafkajsCall(client, 'ApiVersions', 0, {})).errorCode).toBe(0);
  });

  it.each(range(19))(
    'CreateTopics v%i creates a topic with configs and refuses a duplicate',
    async (version) => {
      const topic = `conf-create-v${version}`;
      const args = {
        topics: [
          {
            topic,
            numPartitions: 2,
            replicationFactor: 1,
            configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
          },
        ],
        timeout: 1000,
        validateOnly: false,
      };
      expect((await kafkajsCall(client, 'CreateTopics', version, args)).topicErrors).toEqual([
        expect.objectContaining({ topic, errorCode: 0 }),
      ]);
      expect(
        (await kafkajsCall(client, 'CreateTopics', version, args)).topicErrors[0].errorCode,
      ).toBe(36);
    },
  );

  it.each(range(3))(
    'Metadata v%i describes this broker and auto-creates topics',
    async (version) => {
      const topic = `conf-meta-v${version}`;
      const ask = () =>
        kafkajsCall(client, 'Metadata', version, {
          topics: [topic],
          allowAutoTopicCreation: true,
        });
      // The request that creates the topic is told it is unknown; the next ones see it.
      const first = await ask();
      expect(first.topicMetadata).toEqual([
        expect.objectContaining({ topicErrorCode: 3, topic, partitionMetadata: [] }),
      ]);
      let res = first;
      await eventually(async () => (res = await ask()).topicMetadata[0].topicErrorCode === 0);
      expect(res.brokers).toEqual([
        expect.objectContaining({ nodeId: broker.nodeId, host: broker.host, port: broker.port }),
      ]);
      if (version >= 1) expect(res.controllerId).toBe(broker.nodeId);
      if (version >= 2) expect(res.clusterId).toEqual(expect.any(String));
      expect(res.topicMetadata).toHaveLength(1);
      expect(res.topicMetadata[0]).toEqual(expect.objectContaining({ topicErrorCode: 0, topic }));
      const node = broker.nodeId;
      expect(
        res.topicMetadata[0].partitionMetadata
          .map((p: { partitionId: number; leader: number; isr: number[] }) => [
            p.partitionId,
            p.leader,
            p.isr,
          ])
          .sort((a: number[], b: number[]) => a[0] - b[0]),
      ).toEqual([
        [0, node, [node]],
        [1, node, [node]],
        [2, node, [node]],
      ]);
    },
  );

  it.each([0, 1, 2])(
    'Produce v%i (advertised, of a message format Kafka 4 removed) closes the connection',
    async (version) => {
      const other = await RawClient.open(broker.host, broker.port);
      await expect(
        kafkajsCall(other, 'Produce', version, {
          acks: -1,
          timeout: 1000,
          topicData: [
            { topic: 'conf-old', partitions: [{ partition: 0, messages: [{ value: 'a' }] }] },
          ],
        }),
      ).rejects.toThrow('connection closed');
      expect((await kafkajsCall(client, 'ApiVersions', 2, {})).apiVersions[0]).toEqual({
        apiKey: 0,
        minVersion: 0,
        maxVersion: expect.any(Number),
      });
    },
  );

  it.each(range(0))(
    'Produce v%i appends and Fetch reads it back at every Fetch version',
    async (version) => {
      const topic = `conf-produce-v${version}`;
      await createTopic(topic, 3);
      const res = await kafkajsCall(client, 'Produce', version, {
        acks: -1,
        timeout: 1000,
        compression: Compression.GZIP,
        topicData: [
          {
            topic,
            partitions: [
              {
                partition: 1,
                messages: [
                  { key: 'k', value: 'v1' },
                  { key: null, value: 'v2' },
                ],
              },
            ],
          },
        ],
      });
      expect(res.topics[0].partitions[0]).toEqual(
        expect.objectContaining({ partition: 1, errorCode: 0, baseOffset: '0' }),
      );
      for (const fetchVersion of range(1)) {
        const fetched = await kafkajsCall(client, 'Fetch', fetchVersion, {
          replicaId: -1,
          maxWaitTime: 0,
          minBytes: 1,
          maxBytes: 1 << 20,
          isolationLevel: 0,
          topics: [{ topic, partitions: [{ partition: 1, fetchOffset: '1', maxBytes: 1 << 20 }] }],
        });
        const p = fetched.responses[0].partitions[0];
        expect(p.errorCode).toBe(0);
        expect(p.highWatermark).toBe('2');
        expect(
          p.messages.map((m: { offset: string; value: Buffer }) => [m.offset, m.value.toString()]),
        ).toEqual([
          ['0', 'v1'],
          ['1', 'v2'],
        ]);
        if (fetchVersion >= 11) expect(p.preferredReadReplica).toBe(-1);
      }
    },
  );

  it.each(range(1))('Fetch v%i answers OFFSET_OUT_OF_RANGE past the log end', async (version) => {
    const fetched = await kafkajsCall(client, 'Fetch', version, {
      replicaId: -1,
      maxWaitTime: 0,
      minBytes: 1,
      maxBytes: 1024,
      isolationLevel: 0,
      topics: [
        {
          topic: 'conf-produce-v7',
          partitions: [{ partition: 1, fetchOffset: '5', maxBytes: 1024 }],
        },
      ],
    });
    expect(fetched.responses[0].partitions[0].errorCode).toBe(1);
  });

  it.each(range(2))(
    'ListOffsets v%i gives earliest, latest and by-timestamp offsets',
    async (version) => {
      const topic = 'conf-produce-v7';
      const call = async (timestamp: number) =>
        (
          await kafkajsCall(client, 'ListOffsets', version, {
            replicaId: -1,
            isolationLevel: 0,
            topics: [{ topic, partitions: [{ partition: 1, timestamp }] }],
          })
        ).responses[0].partitions[0];
      expect(await call(-2)).toEqual(expect.objectContaining({ errorCode: 0, offset: '0' }));
      expect(await call(-1)).toEqual(expect.objectContaining({ errorCode: 0, offset: '2' }));
      expect(await call(0)).toEqual(expect.objectContaining({ errorCode: 0, offset: '0' }));
      expect(await call(Date.now() + 60_000)).toEqual(expect.objectContaining({ offset: '-1' }));
    },
  );

  it.each(range(22))('InitProducerId v%i hands out distinct producer ids', async (version) => {
    const init = () =>
      kafkajsCall(client, 'InitProducerId', version, {
        transactionalId: null,
        transactionTimeout: 1000,
      });
    // Apache Kafka answers COORDINATOR_LOAD_IN_PROGRESS until it holds a block of producer ids.
    let a: DecodedResponse = { errorCode: -1 };
    await eventually(async () => !RETRIABLE.has((a = await init()).errorCode));
    const b = await init();
    expect(a.errorCode).toBe(0);
    expect(a.producerEpoch).toBe(0);
    expect(a.producerId).not.toBe(b.producerId);
  });

  it.each(range(20))(
    'DeleteTopics v%i deletes a topic and reports unknown ones',
    async (version) => {
      const topic = `conf-delete-v${version}`;
      await createTopic(topic, 1);
      const res = await kafkajsCall(client, 'DeleteTopics', version, {
        topics: [topic, 'conf-never'],
        timeout: 5000,
      });
      expect(res.topicErrors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ topic, errorCode: 0 }),
          expect.objectContaining({ topic: 'conf-never', errorCode: 3 }),
        ]),
      );
    },
  );

  // One group lifecycle per step i = 0..5, using version min(i, max) of every group API, so
  // each version of FindCoordinator, JoinGroup, SyncGroup, Heartbeat, OffsetCommit,
  // OffsetFetch, DescribeGroups, ListGroups, LeaveGroup and DeleteGroups is exercised.
  it.each([0, 1, 2, 3, 4, 5])('group APIs, step %i', async (step) => {
    const v = (api: number): number => {
      const r = SUPPORTED_VERSIONS.find((x) => x.apiKey === api)!;
      return Math.max(r.min, Math.min(step, r.max));
    };
    const groupId = `conf-group-${step}`;
    // Apache Kafka answers COORDINATOR_NOT_AVAILABLE until __consumer_offsets exists.
    let coordinator: { errorCode: number } = { errorCode: -1 };
    await eventually(
      async () =>
        (coordinator = await kafkajsCall(client, 'GroupCoordinator', v(10), { groupId }))
          .errorCode !== 15,
    );
    expect(coordinator).toEqual(
      expect.objectContaining({
        errorCode: 0,
        coordinator: { nodeId: broker.nodeId, host: broker.host, port: broker.port },
      }),
    );

    const join = (memberId: string) =>
      kafkajsCall(client, 'JoinGroup', v(11), {
        groupId,
        sessionTimeout: 10_000,
        rebalanceTimeout: 10_000,
        memberId,
        protocolType: 'consumer',
        groupProtocols: [{ name: 'RoundRobinAssigner', metadata: Buffer.from('meta') }],
      });
    // Apache Kafka answers NOT_COORDINATOR / COORDINATOR_LOAD_IN_PROGRESS while it loads the
    // group's __consumer_offsets partition; kafkajs retries the same way.
    let joined: DecodedResponse = { errorCode: -1 };
    await eventually(async () => !RETRIABLE.has((joined = await join('')).errorCode));
    if (v(11) >= 4) {
      expect(joined.errorCode).toBe(79);
      joined = await join(joined.memberId);
    }
    expect(joined).toEqual(
      expect.objectContaining({
        errorCode: 0,
        generationId: 1,
        groupProtocol: 'RoundRobinAssigner',
      }),
    );
    expect(joined.leaderId).toBe(joined.memberId);
    expect(
      joined.members.map((m: { memberId: string; memberMetadata: Buffer }) => [
        m.memberId,
        m.memberMetadata.toString(),
      ]),
    ).toEqual([[joined.memberId, 'meta']]);
    const memberId: string = joined.memberId;

    const synced = await kafkajsCall(client, 'SyncGroup', v(14), {
      groupId,
      generationId: 1,
      memberId,
      groupAssignment: [{ memberId, memberAssignment: Buffer.from('assigned') }],
    });
    expect(synced.errorCode).toBe(0);
    expect(synced.memberAssignment.toString()).toBe('assigned');

    expect(
      (await kafkajsCall(client, 'Heartbeat', v(12), { groupId, groupGenerationId: 1, memberId }))
        .errorCode,
    ).toBe(0);
    expect(
      (await kafkajsCall(client, 'Heartbeat', v(12), { groupId, groupGenerationId: 0, memberId }))
        .errorCode,
    ).toBe(22);

    const commit = await kafkajsCall(client, 'OffsetCommit', v(8), {
      groupId,
      groupGenerationId: 1,
      memberId,
      retentionTime: -1,
      topics: [{ topic: 'conf-produce-v7', partitions: [{ partition: 1, offset: '2' }] }],
    });
    expect(commit.responses[0].partitions[0].errorCode).toBe(0);
    const fetched = await kafkajsCall(client, 'OffsetFetch', v(9), {
      groupId,
      topics: [{ topic: 'conf-produce-v7', partitions: [{ partition: 1 }, { partition: 0 }] }],
    });
    expect(
      fetched.responses[0].partitions.map((p: { partition: number; offset: string }) => [
        p.partition,
        p.offset,
      ]),
    ).toEqual([
      [1, '2'],
      [0, '-1'],
    ]);

    const described = await kafkajsCall(client, 'DescribeGroups', v(15), {
      groupIds: [groupId, 'conf-unknown'],
    });
    // In no promised order (Apache Kafka answers per coordinator partition).
    const describedGroup = (id: string) =>
      described.groups.find((g: { groupId: string }) => g.groupId === id);
    expect(describedGroup(groupId)).toEqual(
      expect.objectContaining({
        errorCode: 0,
        state: 'Stable',
        protocolType: 'consumer',
        protocol: 'RoundRobinAssigner',
      }),
    );
    expect(describedGroup(groupId).members[0].memberAssignment.toString()).toBe('assigned');
    expect(describedGroup('conf-unknown')).toEqual(
      expect.objectContaining({ errorCode: 0, state: 'Dead' }),
    );

    const listed = await kafkajsCall(client, 'ListGroups', v(16), {});
    expect(listed.groups).toContainEqual({ groupId, protocolType: 'consumer' });

    expect((await kafkajsCall(client, 'DeleteGroups', v(42), [groupId])).results).toEqual([
      expect.objectContaining({ groupId, errorCode: 68 }),
    ]);
    const left = await kafkajsCall(client, 'LeaveGroup', v(13), { groupId, memberId });
    expect(left.errorCode).toBe(0);
    expect(
      (await kafkajsCall(client, 'DescribeGroups', v(15), { groupIds: [groupId] })).groups[0].state,
    ).toBe('Empty');
    expect((await kafkajsCall(client, 'DeleteGroups', v(42), [groupId])).results).toEqual([
      { groupId, errorCode: 0 },
    ]);
  });

  it.each([6, 7])(
    'OffsetCommit v%i (by hand: kafkajs stops at v5, librdkafka sends v7) commits for an empty group',
    async (version) => {
      const groupId = `conf-commit-v${version}`;
      const topic = `conf-commit-v${version}`;
      await createTopic(topic, 2);
      // As clients do: find the coordinator first (Apache Kafka creates __consumer_offsets then).
      await eventually(
        async () => (await kafkajsCall(client, 'GroupCoordinator', 2, { groupId })).errorCode === 0,
      );
      const commit = async (to: string): Promise<number> => {
        const request = new Writer()
          .int16(8)
          .int16(version)
          .int32(300 + version);
        request.nullableString('rdkafka').string(groupId).int32(-1).string('');
        if (version >= 7) request.nullableString(null); // group instance id
        request.int32(1).string(to); // one topic
        request.int32(1).int32(1).int64(2).int32(-1).nullableString('m'); // partition 1
        const r = new Reader(await client.request(frameOf(request)));
        expect(r.int32()).toBe(300 + version);
        r.int32(); // throttle
        const [[name, [[index, errorCode]]]] = r.array(
          (r) => [r.string(), r.array((r) => [r.int32(), r.int16()] as const)] as const,
        );
        expect([name, index, r.remaining]).toEqual([to, 1, 0]);
        return errorCode;
      };
      let errorCode = -1;
      await eventually(async () => !RETRIABLE.has((errorCode = await commit(topic))));
      expect(errorCode).toBe(0);
      const fetched = await kafkajsCall(client, 'OffsetFetch', 4, {
        groupId,
        topics: [{ topic, partitions: [{ partition: 1 }] }],
      });
      expect(fetched.responses[0].partitions[0]).toEqual(
        expect.objectContaining({ partition: 1, offset: '2', metadata: 'm', errorCode: 0 }),
      );
      // A partition that does not exist is refused, not stored.
      expect(await commit('conf-commit-nowhere')).toBe(3);
    },
  );

  it('holds a Fetch at the log end until an append wakes it, and answers empty at max wait', async () => {
    const topic = 'conf-long-poll';
    await createTopic(topic, 1);
    const fetcher = await RawClient.open(broker.host, broker.port);
    const fetchAt = (maxWaitTime: number) =>
      kafkajsCall(fetcher, 'Fetch', 11, {
        replicaId: -1,
        maxWaitTime,
        minBytes: 1,
        maxBytes: 1 << 20,
        isolationLevel: 0,
        topics: [{ topic, partitions: [{ partition: 0, fetchOffset: '0', maxBytes: 1 << 20 }] }],
      });
    const empty = await fetchAt(50);
    expect(empty.responses[0].partitions[0].messages).toEqual([]);

    const started = Date.now();
    const pending = fetchAt(20_000);
    await kafkajsCall(client, 'Produce', 7, {
      acks: -1,
      timeout: 1000,
      topicData: [{ topic, partitions: [{ partition: 0, messages: [{ value: 'wake' }] }] }],
    });
    const woken = await pending;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(
      woken.responses[0].partitions[0].messages.map((m: { value: Buffer }) => m.value.toString()),
    ).toEqual(['wake']);
    fetcher.close();
  });

  it('Metadata: a null topic list means every topic, an empty one none', async () => {
    const ask = async (count: number): Promise<number> => {
      const payload = new Writer()
        .int16(3)
        .int16(4)
        .int32(90)
        .nullableString('x')
        .int32(count)
        .bool(false)
        .toBuffer();
      const frame = Buffer.concat([Buffer.alloc(4), payload]);
      frame.writeInt32BE(payload.length, 0);
      const r = new Reader(await client.request(frame));
      r.int32(); // correlation id
      r.int32(); // throttle
      r.array((r) => [r.int32(), r.string(), r.int32(), r.nullableString()]);
      r.nullableString();
      r.int32();
      return r.int32(); // topic count
    };
    expect(await ask(0)).toBe(0);
    expect(await ask(-1)).toBeGreaterThan(3);
  });

  it.each([
    ['an API it does not know', 1000, 0],
    ['a Metadata version above its range', 3, 99],
  ])('closes the connection on %s', async (_what, apiKey, version) => {
    const other = await RawClient.open(broker.host, broker.port);
    const request = new Writer().int16(apiKey).int16(version).int32(5).nullableString('x');
    await expect(other.request(frameOf(request))).rejects.toThrow('connection closed');
    if (broker.kind === 'embedded') {
      expect(errors.pop()).toBe(`unsupported api ${apiKey} version ${version}`);
    }
  });
});
