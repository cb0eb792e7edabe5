import { createServer, request as httpRequest } from 'http';
import { AddressInfo } from 'net';
import { Webhook } from 'standardwebhooks';
import { SealedSigningKey, SigningOptions, Subscription } from '@herald/contracts';
import {
  GeneratedKeyPair,
  SigningKeyring,
  generateSigningKey,
  secretFingerprint,
  signatureHeaders,
} from '@herald/delivery';
import { testSecretBox } from '../test-secrets';
import { DemoReceiver, startDemoReceiver } from './demo-receiver';
import { describeSignatureChecks } from './signature-checks';

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
    await post('/ok', 'msg_11', body);
    expect(receiver.deliveries.map((d) => [d.webhookId, describeSignatureChecks(d)])).toEqual([
      ['msg_9', 'signature=valid verified=v1'],
      ['msg_10', 'signature=INVALID INVALID=v1 (No matching signature found)'],
      ['msg_11', 'signature=INVALID INVALID=unsigned (no signature to check)'],
    ]);
    expect(receiver.deliveries.map((d) => d.verified)).toEqual([true, false, false]);
  });
});

describe('demo receiver, with keys from a JWKS it fetches', () => {
  const box = testSecretBox();
  const keyring = new SigningKeyring(box);
  const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
  let receiver: DemoReceiver;
  let pairs: GeneratedKeyPair[];
  let published: GeneratedKeyPair[] = [];
  let fetches = 0;
  let jwksServer: ReturnType<typeof createServer>;
  let jwksUrl: string;

  beforeAll(async () => {
    pairs = [await generateSigningKey('ed25519'), await generateSigningKey('ed25519')];
    receiver = await startDemoReceiver({ port: 0 });
    jwksServer = createServer((_req, res) => {
      fetches++;
      const keys = published.map((p, i) => ({ ...p.publicJwk, kid: `hk_${i}` }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
    await fetch(`${receiver.url}/_secrets`, {
      method: 'POST',
      body: JSON.stringify({ path: '/in', secret, jwksUrl }),
    });
  });
  afterAll(async () => {
    await receiver.close();
    await new Promise((resolve) => jwksServer.close(resolve));
  });

  /** POSTs what the dispatcher sends for these keys (Herald's signer), the body maybe changed. */
  async function deliver(id: string, keys: SealedSigningKey[], change = (b: string) => b) {
    const options: SigningOptions = {
      standardWebhooks: { symmetric: true, asymmetric: true },
      httpMessageSignatures: {
        algorithm: 'ed25519',
        components: ['@method', '@target-uri', 'content-digest', 'date'],
        digest: 'sha-256',
        expiresInSeconds: 300,
        nonce: false,
        tag: null,
      },
      cavage: null,
      keyScope: 'tenant',
      keys,
    };
    const subscription: Pick<Subscription, 'id' | 'url' | 'signing'> = {
      id: 'sub_demo',
      url: `${receiver.url}/in`,
      signing: {
        scheme: 'http-message-signatures',
        secrets: [
          { sealed: box.seal(secret), fingerprint: secretFingerprint(secret), expiresAt: null },
        ],
        options,
      },
    };
    const body = '{"type":"order.created","data":{"id":42}}';
    const headers = signatureHeaders(subscription, id, body, new Date(), keyring);
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(subscription.url, { method: 'POST', headers });
      req.on('response', (res) => res.resume().on('end', resolve));
      req.on('error', reject);
      req.end(change(body));
    });
    return describeSignatureChecks(receiver.deliveries[receiver.deliveries.length - 1]);
  }
  const sealed = (i: number, expiresAt: string | null = null): SealedSigningKey => ({
    kid: `hk_${i}`,
    type: 'ed25519',
    sealed: box.seal(pairs[i].privatePem),
    expiresAt,
  });

  it('checks v1, v1a and RFC 9421, says which key verified, and refetches the JWKS on a new keyid', async () => {
    published = [pairs[0]];
    expect(await deliver('msg_1', [sealed(0)])).toBe(
      'signature=valid verified=v1 verified=v1a keyid=hk_0 verified=rfc9421/ed25519 keyid=hk_0',
    );
    expect(fetches).toBe(1);
    // A rotation: hk_1 is published and signs beside hk_0; the cached JWKS lacks it.
    published = [pairs[0], pairs[1]];
    const overlap = new Date(Date.now() + 60_000).toISOString();
    expect(await deliver('msg_2', [sealed(1), sealed(0, overlap)])).toBe(
      // v1a names no key: the cached hk_0 verifies one of its two signatures, which is enough;
      // RFC 9421 names hk_1, so the receiver fetches the JWKS again and checks both.
      'signature=valid verified=v1 verified=v1a keyid=hk_0 verified=rfc9421/ed25519 keyid=hk_1,hk_0',
    );
    expect(fetches).toBe(2);
    await deliver('msg_3', [sealed(1), sealed(0, overlap)]);
    expect(fetches).toBe(2); // cached for max-age
  });

  it('refuses a changed body in every scheme, naming why', async () => {
    published = [pairs[0]];
    const line = await deliver('msg_4', [sealed(0)], (b) => b.replace('42', '43'));
    expect(line).toMatch(
      /^signature=INVALID INVALID=v1 \(.+\) INVALID=v1a \(.+\) INVALID=rfc9421\/ed25519 \(content-digest does not match the body\)$/,
    );
  });
});
