import { KafkaJSProtocolError } from 'kafkajs';
import { fetchTopicOffsetsRetrying, isRetriableKafkaError } from './topic-offsets';

// kafkajs builds its protocol errors from an entry of its error-code table (typed as Error).
const protocolError = (entry: {
  type: string;
  code: number;
  retriable: boolean;
  message: string;
}) => new KafkaJSProtocolError(entry as unknown as Error);
// What kafkajs throws for Kafka's error code 6 (a partition whose leader is not ready yet).
const notLeader = () =>
  protocolError({
    type: 'NOT_LEADER_FOR_PARTITION',
    code: 6,
    retriable: true,
    message: 'This server is not the leader for that topic-partition',
  });
const offsets = [{ partition: 0, offset: '3', high: '3', low: '0' }];

function fakeAdmin(failures: Error[]) {
  let calls = 0;
  return {
    calls: () => calls,
    fetchTopicOffsets: async () => {
      calls++;
      const failure = failures.shift();
      if (failure) throw failure;
      return offsets;
    },
  };
}

describe('fetchTopicOffsetsRetrying', () => {
  const clock = () => {
    let t = 0;
    return { now: () => t, sleep: async (ms: number) => void (t += ms) };
  };

  it('asks again while Kafka answers NOT_LEADER_FOR_PARTITION, as Apache Kafka does after createTopics', async () => {
    const admin = fakeAdmin([notLeader(), notLeader(), notLeader()]);
    await expect(fetchTopicOffsetsRetrying(admin, 't', clock())).resolves.toEqual(offsets);
    expect(admin.calls()).toBe(4);
  });

  it('rethrows an error that is not retriable at once', async () => {
    const admin = fakeAdmin([new Error('bad topic name')]);
    await expect(fetchTopicOffsetsRetrying(admin, 't', clock())).rejects.toThrow('bad topic name');
    expect(admin.calls()).toBe(1);
  });

  it('gives up with the last error after the timeout', async () => {
    const admin = fakeAdmin(Array.from({ length: 100 }, notLeader));
    await expect(
      fetchTopicOffsetsRetrying(admin, 't', { ...clock(), timeoutMs: 3_000 }),
    ).rejects.toThrow('not the leader');
    expect(admin.calls()).toBeGreaterThan(3);
    expect(admin.calls()).toBeLessThan(10);
  });

  it('tells retriable protocol errors from the rest', () => {
    expect(isRetriableKafkaError(notLeader())).toBe(true);
    expect(isRetriableKafkaError(new Error('x'))).toBe(false);
    expect(
      isRetriableKafkaError(
        protocolError({
          type: 'INVALID_TOPIC_EXCEPTION',
          code: 17,
          retriable: false,
          message: 'x',
        }),
      ),
    ).toBe(false);
  });
});
