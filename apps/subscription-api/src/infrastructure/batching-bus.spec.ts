import { Message } from 'kafkajs';
import { BatchingBus } from './batching-bus';

describe('BatchingBus', () => {
  it('sends alone at once, then groups what queued while a request was in flight', async () => {
    const requests: { topic: string; messages: Message[] }[][] = [];
    let release!: () => void;
    let first = true;
    const bus = new BatchingBus(async (batches) => {
      requests.push(batches);
      if (first) {
        first = false;
        await new Promise<void>((r) => (release = r));
      }
    });
    const a = bus.sendRaw('t1', [{ key: 'a', value: 'a' }]);
    const b = bus.sendRaw('t1', [{ key: 'b', value: 'b' }]);
    const c = bus.sendRaw('t2', [{ key: 'c', value: 'c' }]);
    expect(requests).toHaveLength(1);
    release();
    await Promise.all([a, b, c]);
    expect(requests).toHaveLength(2);
    expect(requests[1].map((r) => [r.topic, r.messages.map((m) => m.key)])).toEqual([
      ['t1', ['b']],
      ['t2', ['c']],
    ]);
  });

  it('rejects every caller of a failed request', async () => {
    const bus = new BatchingBus(async () => {
      throw new Error('broker down');
    });
    await expect(bus.sendRaw('t', [{ value: 'x' }])).rejects.toThrow('broker down');
  });
});
