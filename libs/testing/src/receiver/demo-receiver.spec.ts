import { Webhook } from 'standardwebhooks';
import { DemoReceiver, startDemoReceiver } from './demo-receiver';

describe('demo receiver', () => {
  let receiver: DemoReceiver;
  beforeEach(async () => {
    receiver = await startDemoReceiver({ port: 0 });
  });
  afterEach(() => receiver.close());

  const post = (path: string, id: string, body = '{}', headers: Record<string, string> = {}) =>
    fetch(`${receiver.url}${path}`, {
      method: 'POST',
      body,
      headers: { 'webhook-id': id, ...headers },
    });

  it('fails the first N attempts of a webhook-id on /flaky', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post('/flaky?failures=2', 'msg_1')).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect((await post('/flaky?failures=2', 'msg_2')).status).toBe(503);
  });

  it('verifies Standard Webhooks signatures once a secret is registered', async () => {
    const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
    await fetch(`${receiver.url}/_secrets`, {
      method: 'POST',
      body: JSON.stringify({ path: '/ok', secret }),
    });
    const body = '{"hello":"world"}';
    const timestamp = new Date();
    const signature = new Webhook(secret).sign('msg_9', timestamp, body);
    const headers = {
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': signature,
    };
    await post('/ok', 'msg_9', body, headers);
    await post('/ok', 'msg_10', body, { ...headers, 'webhook-signature': 'v1,forged' });
    expect(receiver.deliveries.map((d) => [d.webhookId, d.verified])).toEqual([
      ['msg_9', true],
      ['msg_10', false],
    ]);
  });
});
