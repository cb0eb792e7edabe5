import { SHARED_BROKER_CONFIG, fitsSharedBroker, pickSharedBroker } from './shared-broker';

describe('fitsSharedBroker', () => {
  it("takes startTestKafka's brokers (no settings) and the shared settings themselves", () => {
    expect(fitsSharedBroker({})).toBe(true);
    expect(fitsSharedBroker({ ...SHARED_BROKER_CONFIG })).toBe(true);
  });

  it('takes a setting node-config.ts already gives every node', () => {
    expect(fitsSharedBroker({ 'offsets.topic.num.partitions': 10 })).toBe(true);
  });

  it('refuses other values, and settings whose value on the shared broker is not known here', () => {
    expect(fitsSharedBroker({ 'group.initial.rebalance.delay.ms': 200 })).toBe(false);
    expect(fitsSharedBroker({ 'auto.create.topics.enable': false })).toBe(false);
    expect(fitsSharedBroker({ 'min.insync.replicas': 2 })).toBe(false);
  });
});

describe('pickSharedBroker', () => {
  it("gives jest worker n the n-th broker, and none beyond the list's end", () => {
    const list = '127.0.0.1:4001 127.0.0.1:4002';
    expect(pickSharedBroker(list, 1)).toBe('127.0.0.1:4001');
    expect(pickSharedBroker(list, 2)).toBe('127.0.0.1:4002');
    expect(pickSharedBroker(list, 3)).toBeUndefined();
    expect(pickSharedBroker('', 1)).toBeUndefined();
  });
});
