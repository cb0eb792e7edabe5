import { SUPPORTED_VERSIONS, VersionRange } from './api-keys';
import { APACHE_KAFKA_VERSIONS } from '../../test/apache-kafka-api-versions';
import { BrokerUnderTest, startBroker } from '../../test/broker-under-test';
import { RawClient } from '../../test/raw-client';
import { Reader } from './reader';
import { Writer } from './writer';

/**
 * The version probe clients send first (ApiVersions v0-v5: kafkajs v2 then lower, librdkafka
 * v3, newer clients v4), answered by Apache Kafka 4.1.1 and by the embedded broker, side by
 * side. Always starts both brokers: the comparison is the point.
 */
jest.setTimeout(120_000);

interface ProbeAnswer {
  errorCode: number;
  ranges: VersionRange[];
  throttleMs?: number;
  /** Bytes after the fields above (Apache Kafka's v3+ tagged fields carry its features). */
  rest: number;
}

async function probe(broker: BrokerUnderTest, version: number): Promise<ProbeAnswer> {
  const client = await RawClient.open(broker.host, broker.port);
  try {
    const header = new Writer()
      .int16(18)
      .int16(version)
      .int32(version + 100);
    header.nullableString('probe');
    if (version >= 3) header.uvarint(0).compactString('probe').compactString('1.0').uvarint(0);
    const payload = header.toBuffer();
    const frame = Buffer.concat([Buffer.alloc(4), payload]);
    frame.writeInt32BE(payload.length, 0);
    const r = new Reader(await client.request(frame));
    expect(r.int32()).toBe(version + 100);
    const errorCode = r.int16();
    // An unsupported version is answered in the v0 layout.
    const layout = errorCode === 35 ? 0 : version;
    const range = (r: Reader): VersionRange => ({
      apiKey: r.int16(),
      min: r.int16(),
      max: r.int16(),
    });
    let ranges: VersionRange[];
    if (layout >= 3) {
      ranges = Array.from({ length: r.uvarint() - 1 }, () => {
        const v = range(r);
        r.taggedFields();
        return v;
      });
    } else {
      ranges = r.array(range);
    }
    const throttleMs = layout >= 1 ? r.int32() : undefined;
    const answer = { errorCode, ranges, throttleMs, rest: r.remaining };
    // The connection stays open: a second probe on it is answered.
    const again = Buffer.from(frame);
    again.writeInt32BE(version + 200, 8);
    expect((await client.request(again)).readInt32BE(0)).toBe(version + 200);
    return answer;
  } finally {
    client.close();
  }
}

const implemented = (ranges: VersionRange[]) =>
  ranges.filter((r) => SUPPORTED_VERSIONS.some((s) => s.apiKey === r.apiKey));

describe('ApiVersions probes: the embedded broker and Apache Kafka 4.1.1', () => {
  let apache: BrokerUnderTest;
  let embedded: BrokerUnderTest;

  beforeAll(async () => {
    [apache, embedded] = await Promise.all([
      startBroker('apache', {}),
      startBroker('embedded', {}),
    ]);
  });
  afterAll(() => Promise.all([apache?.stop(), embedded?.stop()]));

  it('Apache Kafka advertises the recorded ranges for the APIs the embedded broker implements', async () => {
    const answer = await probe(apache, 3);
    expect(implemented(answer.ranges)).toEqual(APACHE_KAFKA_VERSIONS);
  });

  it.each([0, 1, 2, 3, 4])(
    'ApiVersions v%i: error 0 from both, in the same layout, every minimum equal',
    async (version) => {
      const [theirs, ours] = await Promise.all([probe(apache, version), probe(embedded, version)]);
      expect(ours.errorCode).toBe(0);
      expect(theirs.errorCode).toBe(0);
      expect(ours.throttleMs).toBe(theirs.throttleMs === undefined ? undefined : 0);
      expect(ours.ranges.map((r) => [r.apiKey, r.min])).toEqual(
        implemented(theirs.ranges).map((r) => [r.apiKey, r.min]),
      );
      expect(ours.rest).toBe(version >= 3 ? 1 : 0); // empty tagged fields
    },
  );

  it('ApiVersions v5 (unknown to both): the same error answer, listing only ApiVersions 0-4', async () => {
    const [theirs, ours] = await Promise.all([probe(apache, 5), probe(embedded, 5)]);
    expect(theirs).toEqual({
      errorCode: 35,
      ranges: [{ apiKey: 18, min: 0, max: 4 }],
      throttleMs: undefined,
      rest: 0,
    });
    expect(ours).toEqual(theirs);
  });
});
