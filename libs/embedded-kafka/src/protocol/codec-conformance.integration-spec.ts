import { EmbeddedKafka, startEmbeddedKafka } from '../index';
import { SUPPORTED_VERSIONS } from './api-keys';
import { RawClient } from '../../test/raw-client';
import { Compression, kafkajsCall } from '../../test/kafkajs-protocol';
import { Reader } from './reader';
import { Writer } from './writer';

/**
 * Every advertised (api, version) is exercised with requests encoded and responses decoded by
 * kafkajs's own protocol modules (ApiVersions v3, which kafkajs lacks, by hand as librdkafka
 * sends it).
 */
jest.setTimeout(30_000);

describe('codec conformance with kafkajs protocol modules', () => {
  let broker: EmbeddedKafka;
  let client: RawClient;
  const errors: string[] = [];
  const range = (api: number): number[] => {
    const r = SUPPORTED_VERSIONS.find((v) => v.apiKey === api)!;
    return Array.from({ length: r.max - r.min + 1 }, (_, i) => r.min + i);
  };

  beforeAll(async () => {
    broker = await startEmbeddedKafka({
      port: 0,
      initialRebalanceDelayMs: 0,
      onError: (e) => errors.push(e.message),
    });
    client = await RawClient.open(broker.host, broker.port);
  });
  afterAll(async () => {
    client.close();
    await broker.stop();
  });

  it.each([0, 1, 2])('ApiVersions v%i lists the advertised table', async (version) => {
    const res = await kafkajsCall(client, 'ApiVersions', version, {});
    expect(res.errorCode).toBe(0);
    expect(res.apiVersions).toEqual(
      SUPPORTED_VERSIONS.map((v) => ({ apiKey: v.apiKey, minVersion: v.min, maxVersion: v.max })),
    );
  });

  it('ApiVersions v3 (flexible, as librdkafka sends it) lists the table', async () => {
    const body = new Writer().int16(18).int16(3).int32(77).nullableString('rdkafka').uvarint(0);
    body.compactString('librdkafka').compactString('2.0.2').uvarint(0);
    const payload = body.toBuffer();
    const frame = Buffer.concat([Buffer.alloc(4), payload]);
    frame.writeInt32BE(payload.length, 0);
    const res = new Reader(await client.request(frame));
    expect(res.int32()).toBe(77);
    expect(res.int16()).toBe(0);
    const n = res.uvarint() - 1;
    const got = Array.from({ length: n }, () => {
      const v = { apiKey: res.int16(), min: res.int16(), max: res.int16() };
      res.taggedFields();
      return v;
    });
    expect(got).toEqual(SUPPORTED_VERSIONS);
    expect(res.int32()).toBe(0);
    res.taggedFields();
    expect(res.remaining).toBe(0);
  });

  it('ApiVersions v4 is answered with error 35 in the v0 layout and the socket stays open', async () => {
    const payload = new Writer()
      .int16(18)
      .int16(4)
      .int32(78)
      .nullableString('x')
      .uvarint(0)
      .uvarint(1)
      .uvarint(1)
      .uvarint(0)
      .toBuffer();
    const frame = Buffer.concat([Buffer.alloc(4), payload]);
    frame.writeInt32BE(payload.length, 0);
    const res = new Reader(await client.request(frame));
    expect(res.int32()).toBe(78);
    expect(res.int16()).toBe(35);
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
      const res = await kafkajsCall(client, 'Metadata', version, {
        topics: [topic],
        allowAutoTopicCreation: true,
      });
      expect(res.brokers).toEqual([
        expect.objectContaining({ nodeId: 1, host: broker.host, port: broker.port }),
      ]);
      if (version >= 1) expect(res.controllerId).toBe(1);
      if (version >= 2) expect(res.clusterId).toEqual(expect.any(String));
      expect(res.topicMetadata).toHaveLength(1);
      expect(res.topicMetadata[0]).toEqual(expect.objectContaining({ topicErrorCode: 0, topic }));
      expect(
        res.topicMetadata[0].partitionMetadata.map((p: { leader: number; isr: number[] }) => [
          p.leader,
          p.isr,
        ]),
      ).toEqual([
        [1, [1]],
        [1, [1]],
        [1, [1]],
      ]);
    },
  );

  it.each(range(0))(
    'Produce v%i appends and Fetch reads it back at every Fetch version',
    async (version) => {
      const topic = `conf-produce-v${version}`;
      await kafkajsCall(client, 'Metadata', 5, { topics: [topic], allowAutoTopicCreation: true });
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
    const a = await kafkajsCall(client, 'InitProducerId', version, {
      transactionalId: null,
      transactionTimeout: 1000,
    });
    const b = await kafkajsCall(client, 'InitProducerId', version, {
      transactionalId: null,
      transactionTimeout: 1000,
    });
    expect(a.errorCode).toBe(0);
    expect(a.producerEpoch).toBe(0);
    expect(a.producerId).not.toBe(b.producerId);
  });

  it.each(range(20))(
    'DeleteTopics v%i deletes a topic and reports unknown ones',
    async (version) => {
      const topic = `conf-delete-v${version}`;
      await kafkajsCall(client, 'CreateTopics', 0, {
        topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
        timeout: 1000,
      });
      const res = await kafkajsCall(client, 'DeleteTopics', version, {
        topics: [topic, 'conf-never'],
        timeout: 1000,
      });
      expect(res.topicErrors).toEqual([
        expect.objectContaining({ topic, errorCode: 0 }),
        expect.objectContaining({ topic: 'conf-never', errorCode: 3 }),
      ]);
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
    const coordinator = await kafkajsCall(client, 'GroupCoordinator', v(10), { groupId });
    expect(coordinator).toEqual(
      expect.objectContaining({
        errorCode: 0,
        coordinator: { nodeId: 1, host: broker.host, port: broker.port },
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
    let joined = await join('');
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
    expect(described.groups[0]).toEqual(
      expect.objectContaining({
        errorCode: 0,
        groupId,
        state: 'Stable',
        protocolType: 'consumer',
        protocol: 'RoundRobinAssigner',
      }),
    );
    expect(described.groups[0].members[0].memberAssignment.toString()).toBe('assigned');
    expect(described.groups[1]).toEqual(expect.objectContaining({ errorCode: 0, state: 'Dead' }));

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

  it('holds a Fetch at the log end until an append wakes it, and answers empty at max wait', async () => {
    const topic = 'conf-long-poll';
    await kafkajsCall(client, 'Metadata', 6, { topics: [topic], allowAutoTopicCreation: true });
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

  it('closes the connection on an API it does not serve', async () => {
    const other = await RawClient.open(broker.host, broker.port);
    const payload = new Writer().int16(17).int16(1).int32(5).nullableString('x').toBuffer(); // SaslHandshake
    const frame = Buffer.concat([Buffer.alloc(4), payload]);
    frame.writeInt32BE(payload.length, 0);
    await expect(other.request(frame)).rejects.toThrow('connection closed');
    expect(errors).toEqual(['unsupported api 17 version 1']);
  });
});
