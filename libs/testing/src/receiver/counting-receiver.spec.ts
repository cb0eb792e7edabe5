import { startCountingReceiver } from './counting-receiver';

describe('counting receiver', () => {
  it('counts webhook-ids and reads event-to-delivery latency from the body', async () => {
    const receiver = await startCountingReceiver();
    try {
      const sentAt = Date.now() - 25;
      for (const id of ['a', 'b', 'a']) {
        const res = await fetch(`${receiver.url}/hook`, {
          method: 'POST',
          headers: { 'webhook-id': id },
          body: JSON.stringify({ data: { sentAt } }),
        });
        expect(res.status).toBe(200);
      }
      expect(receiver.received).toBe(3);
      expect([...receiver.seen.entries()]).toEqual([
        ['a', 2],
        ['b', 1],
      ]);
      expect(Math.min(...receiver.latencies)).toBeGreaterThanOrEqual(25);
      expect(receiver.latenciesByPath.get('/hook')).toHaveLength(3);
    } finally {
      await receiver.close();
    }
  });

  it('never answers a blackholed path', async () => {
    const receiver = await startCountingReceiver();
    receiver.blackhole('/dead');
    const controller = new AbortController();
    const pending = fetch(`${receiver.url}/dead`, {
      method: 'POST',
      body: '{}',
      signal: controller.signal,
    });
    const outcome = await Promise.race([
      pending.then(() => 'answered').catch(() => 'aborted'),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 200)),
    ]);
    controller.abort();
    await pending.catch(() => undefined);
    await receiver.close();
    expect(outcome).toBe('still waiting');
  });
});
