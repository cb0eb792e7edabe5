import { LookupAddress } from 'dns';
import { IncomingMessage } from 'http';
import { DeliveryCredential, DeliveryTls, Subscription } from '@herald/contracts';
import {
  DEFAULT_TEMPLATE_LIMITS,
  NO_JITTER,
  SigningKeyring,
  basicAuthorization,
  secretFingerprint,
} from '@herald/delivery';
import {
  AuthorizingReceiver,
  OAuthTokenServer,
  TestPki,
  eventually,
  generateTestPki,
  testSecretBox,
} from '@herald/testing';
import { jobFor, subscriptionFixture } from '../testing/delivery-fixtures';
import { AttemptDelivery } from './attempt-delivery.usecase';
import { DeliveryCredentials } from './delivery-credentials';
import { DnsLookup, HttpSender } from './http-sender';
import { DEFAULT_OAUTH_TOKENS_OPTIONS, OAuthTokens } from './oauth-tokens';

const box = testSecretBox();
const sealed = (plain: string) => ({
  sealed: box.seal(plain),
  fingerprint: secretFingerprint(plain),
});
const CLIENT_SECRET = 'cs-9f2b_the-client-secret';

/** Names the specs use: token.test is loopback, metadata.test the cloud metadata address. */
const table: Record<string, string> = {
  'token.test': '127.0.0.1',
  'metadata.test': '169.254.169.254',
};
const lookup: DnsLookup = (hostname, _options, callback) => {
  const address = table[hostname];
  if (!address) return callback(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }), []);
  callback(null, [{ address, family: 4 } as LookupAddress]);
};

/**
 * The dispatcher's delivery step with real credentials against real loopback servers: a
 * receiver that checks the header, Basic and bearer credentials, an OAuth 2.0 token endpoint
 * that counts its fetches, and an HTTPS receiver that requires a client certificate of a
 * private CA. Loopback is reached through the allow-list, as the target policy requires.
 */
describe('authenticated delivery (loopback receivers, a real token endpoint, mutual TLS)', () => {
  let clock = Date.parse('2026-12-02T10:00:00Z');
  let tokens: OAuthTokens;
  let sender: HttpSender;
  let deliver: AttemptDelivery;
  let credentials: DeliveryCredentials;
  let pki: TestPki;
  const tokenServer = new OAuthTokenServer('herald-client', CLIENT_SECRET);
  const accepted = new Set<string>();
  const receiver = new AuthorizingReceiver((req) => accepted.has(req.headers.authorization ?? ''));
  const keyReceiver = new AuthorizingReceiver((req) => req.headers['x-api-key'] === 'k-123');
  let mtlsReceiver: AuthorizingReceiver;
  let receiverUrl: string;
  let keyReceiverUrl: string;
  let tokenUrl: string;
  let mtlsUrl: string;

  const oauth = (overrides: Partial<DeliveryCredential> = {}): DeliveryCredential =>
    ({
      type: 'oauth2',
      tokenUrl,
      clientId: 'herald-client',
      clientSecret: sealed(CLIENT_SECRET),
      scope: 'webhooks:write',
      audience: null,
      clientAuthMethod: 'client_secret_basic',
      ...overrides,
    }) as DeliveryCredential;
  const subscription = (id: string, overrides: Partial<Subscription>) =>
    subscriptionFixture(id, receiverUrl, overrides);
  const deliverTo = (s: Subscription) => deliver.execute(jobFor(s), s).then((r) => r.result);

  const build = (options: ConstructorParameters<typeof HttpSender>[0]) => {
    sender = new HttpSender(options);
    tokens = new OAuthTokens({ ...DEFAULT_OAUTH_TOKENS_OPTIONS, now: () => clock });
    const keyring = new SigningKeyring(box);
    credentials = new DeliveryCredentials({
      open: (s) => keyring.open(s),
      send: (r) => sender.send(r),
      tokens,
    });
    deliver = new AttemptDelivery({
      send: (r) => sender.send(r),
      now: () => new Date(clock),
      maxRetryAfterMs: 60_000,
      retryJitter: NO_JITTER,
      userAgent: 'Herald-Webhooks/test',
      keyring,
      templateLimits: DEFAULT_TEMPLATE_LIMITS,
      credentials,
    });
  };

  beforeAll(async () => {
    pki = generateTestPki();
    mtlsReceiver = new AuthorizingReceiver(() => true, {
      key: pki.serverKey,
      cert: pki.serverCertificate,
      ca: pki.caCertificate,
    });
    [receiverUrl, keyReceiverUrl, tokenUrl, mtlsUrl] = await Promise.all([
      receiver.start(),
      keyReceiver.start(),
      tokenServer.start().then((base) => `${base}/oauth/token`),
      mtlsReceiver.start(),
    ]);
    build({ allowPrivateTargets: false, allowedNetworks: ['127.0.0.0/8'], lookup });
  });
  beforeEach(() => {
    tokenServer.mode = 'ok';
    tokenServer.expiresInSeconds = 60;
  });
  afterAll(async () => {
    await sender.close();
    await Promise.all([
      receiver.stop(),
      keyReceiver.stop(),
      tokenServer.stop(),
      mtlsReceiver.stop(),
    ]);
  });

  it('sends a static header credential the receiver checks, and fails without it', async () => {
    const s = subscriptionFixture('sub_header', keyReceiverUrl, {
      credential: { type: 'header', name: 'X-Api-Key', value: sealed('k-123') },
    });
    expect(await deliverTo(s)).toMatchObject({ kind: 'response', status: 200 });
    const wrong = {
      ...s,
      credential: { ...s.credential!, value: sealed('k-999') },
    } as Subscription;
    expect(await deliverTo(wrong)).toMatchObject({ kind: 'response', status: 401 });
    expect(keyReceiver.requests.map((r) => r.headers['x-api-key'])).toEqual(['k-123', 'k-999']);
  });

  it('records the request as sent: signature headers kept, credential and cookie values redacted', async () => {
    const s = subscriptionFixture('sub_logged', keyReceiverUrl, {
      credential: { type: 'header', name: 'X-Api-Key', value: sealed('k-123') },
      headers: { 'x-trace': 't-1', Cookie: 'session=s3cr3t', 'X-API-KEY': 'custom-loses' },
    });
    const before = keyReceiver.requests.length;
    const report = await deliver.execute(jobFor(s), s);
    expect(report.result).toMatchObject({ kind: 'response', status: 200 });
    const received = keyReceiver.requests[before];
    expect(received.headers['x-api-key']).toBe('k-123');
    expect(report.request?.body).toBe(received.body);
    const headers = report.request!.headers;
    expect(headers).toMatchObject({
      'x-api-key': '[redacted]',
      Cookie: '[redacted]',
      'x-trace': 't-1',
      'webhook-id': received.headers['webhook-id'],
      'webhook-signature': received.headers['webhook-signature'],
    });
    expect(headers['webhook-signature']).toMatch(/^v1,/);
    expect(JSON.stringify(headers)).not.toMatch(/k-123|s3cr3t|custom-loses/);

    // OAuth: the bearer token is the credential; a renewed one is not logged either.
    const o = subscription('sub_logged_oauth', { credential: oauth() });
    const token = `Bearer tok-${tokenServer.issued.length + 1}`;
    accepted.add(token);
    const oauthReport = await deliver.execute(jobFor(o), o);
    expect(oauthReport.request?.headers.authorization).toBe('[redacted]');
    expect(JSON.stringify(oauthReport.request)).not.toContain(token.slice(7));
  });

  it('records no request when none went out (a failed token fetch)', async () => {
    tokenServer.mode = 'error';
    const s = subscription('sub_logged_none', { credential: oauth() });
    const report = await deliver.execute(jobFor(s), s);
    expect(report.result).toMatchObject({ kind: 'error', errorClass: 'credential' });
    expect(report.request).toBeNull();
  });

  it('sends HTTP Basic (UTF-8 password with a colon) and a 401 for a wrong one is not retried', async () => {
    const good = basicAuthorization('herald', 'pässwörd:2');
    accepted.add(good);
    const s = subscription('sub_basic', {
      credential: { type: 'basic', username: 'herald', password: sealed('pässwörd:2') },
    });
    const before = receiver.requests.length;
    expect(await deliverTo(s)).toMatchObject({ kind: 'response', status: 200 });
    expect(receiver.requests[before].authorization).toBe(good);
    const wrong = {
      ...s,
      credential: { type: 'basic', username: 'herald', password: sealed('x') },
    };
    expect(await deliverTo(wrong as Subscription)).toMatchObject({ status: 401 });
    expect(receiver.requests.length - before).toBe(2);
  });

  it('fetches an OAuth 2.0 token once, uses it until it expires minus the margin, then fetches again', async () => {
    tokenServer.expiresInSeconds = 60; // used for 54 s: the margin is a tenth of it
    const s = subscription('sub_oauth', { credential: oauth() });
    const fetchesBefore = tokenServer.fetches;
    const first = `Bearer tok-${tokenServer.issued.length + 1}`;
    accepted.add(first);
    const sent = receiver.requests.length;
    const results = await Promise.all(Array.from({ length: 9 }, () => deliverTo(s)));
    expect(results.map((r) => r.kind === 'response' && r.status)).toEqual(Array(9).fill(200));
    expect(tokenServer.fetches - fetchesBefore).toBe(1); // nine deliveries at once, one token
    expect(new Set(receiver.requests.slice(sent).map((r) => r.authorization))).toEqual(
      new Set([first]),
    );
    const request = tokenServer.requests[tokenServer.requests.length - 1];
    expect(Object.fromEntries(request)).toEqual({
      grant_type: 'client_credentials',
      scope: 'webhooks:write',
    });
    clock += 53_000;
    await deliverTo(s);
    expect(tokenServer.fetches - fetchesBefore).toBe(1);
    clock += 2_000; // 55 s after the fetch: past 60 - 6
    const next = `Bearer tok-${tokenServer.issued.length + 1}`;
    accepted.add(next);
    expect(await deliverTo(s)).toMatchObject({ status: 200 });
    expect(tokenServer.fetches - fetchesBefore).toBe(2);
    expect(receiver.requests[receiver.requests.length - 1].authorization).toBe(next);
  });

  it('client_secret_post puts the client in the form, with the audience', async () => {
    const s = subscription('sub_post', {
      credential: oauth({
        clientAuthMethod: 'client_secret_post',
        audience: 'https://api.example',
      } as never),
    });
    accepted.add(`Bearer tok-${tokenServer.issued.length + 1}`);
    expect(await deliverTo(s)).toMatchObject({ status: 200 });
    const form = Object.fromEntries(tokenServer.requests[tokenServer.requests.length - 1]);
    expect(form).toMatchObject({
      client_id: 'herald-client',
      client_secret: CLIENT_SECRET,
      audience: 'https://api.example',
    });
  });

  it('on a 401 renews the token once and delivers again; a second 401 ends the attempt', async () => {
    const s = subscription('sub_revoked', { credential: oauth() });
    accepted.add(`Bearer tok-${tokenServer.issued.length + 1}`);
    await deliverTo(s);
    accepted.clear(); // the receiver revokes every token it knew
    accepted.add(`Bearer tok-${tokenServer.issued.length + 1}`); // ... but takes the next one
    const fetches = tokenServer.fetches;
    const sent = receiver.requests.length;
    expect(await deliverTo(s)).toMatchObject({ kind: 'response', status: 200 });
    expect([tokenServer.fetches - fetches, receiver.requests.length - sent]).toEqual([1, 2]);

    accepted.clear(); // now it takes none
    const fetches2 = tokenServer.fetches;
    const sent2 = receiver.requests.length;
    expect(await deliverTo(s)).toMatchObject({ kind: 'response', status: 401 });
    expect([tokenServer.fetches - fetches2, receiver.requests.length - sent2]).toEqual([1, 2]);
  });

  it.each([
    ['error', /token endpoint answered 500 invalid_client: no/],
    ['not-json', /token endpoint answered no JSON object/],
    ['huge', /answer larger than 16384 bytes/],
    ['hang', /failed: timeout: no response within 300ms/],
  ] as const)(
    'a token endpoint that fails (%s) fails the attempt with a clear error, and the receiver is not called',
    async (mode, message) => {
      tokenServer.mode = mode;
      const s = subscription(`sub_token_${mode}`, { credential: oauth(), timeoutMs: 300 });
      const sent = receiver.requests.length;
      const result = await deliverTo(s);
      expect(result).toMatchObject({ kind: 'error', errorClass: 'credential' });
      expect(result.kind === 'error' && result.message).toMatch(message);
      expect(JSON.stringify(result)).not.toContain(CLIENT_SECRET);
      // Deliveries right after fail fast with the same error instead of asking again.
      const fetches = tokenServer.fetches;
      const again = await deliverTo(s);
      expect(again.kind === 'error' && again.message).toMatch(/not asked again yet/);
      expect(tokenServer.fetches).toBe(fetches);
      expect(receiver.requests.length).toBe(sent);
    },
  );

  it('refuses a token URL that resolves to a forbidden address when it connects (DNS checked at fetch time)', async () => {
    const port = new URL(tokenUrl).port;
    const fetches = tokenServer.fetches;
    for (const host of ['metadata.test', '10.0.0.1']) {
      const s = subscription(`sub_ssrf_${host}`, {
        credential: oauth({ tokenUrl: `http://${host}:${port}/oauth/token` } as never),
      });
      const result = await deliverTo(s);
      expect(result).toMatchObject({ kind: 'error', errorClass: 'credential' });
      expect(result.kind === 'error' && result.message).toMatch(
        /failed: ssrf: .*(169\.254\.169\.254|10\.0\.0\.1)/,
      );
    }
    // token.test resolves to 127.0.0.1, which the allow-list lets through.
    accepted.add(`Bearer tok-${tokenServer.issued.length + 1}`);
    const named = subscription('sub_named_token', {
      credential: oauth({ tokenUrl: `http://token.test:${port}/oauth/token` } as never),
    });
    expect(await deliverTo(named)).toMatchObject({ status: 200 });
    expect(tokenServer.fetches - fetches).toBe(1);
  });

  it("bounds token fetches per tenant: a tenant's hanging token endpoint does not hold up another's", async () => {
    tokenServer.mode = 'hang';
    const fetches = tokenServer.fetches;
    const slow = Array.from({ length: 6 }, (_, i) =>
      subscription(`sub_slow_${i}`, {
        tenantId: 'slowpoke',
        credential: oauth(),
        timeoutMs: 500,
      }),
    );
    const pending = slow.map(deliverTo);
    await eventually(
      () => tokenServer.fetches - fetches === DEFAULT_OAUTH_TOKENS_OPTIONS.fetchesPerTenant,
      'the slow tenant fetching',
    );
    // Another tenant's token endpoint answers at once.
    const fast = new OAuthTokenServer('herald-client', CLIENT_SECRET);
    const fastUrl = `${await fast.start()}/oauth/token`;
    try {
      accepted.add('Bearer tok-1');
      const started = performance.now();
      const other = subscription('sub_other_tenant', {
        tenantId: 'brisk',
        credential: oauth({ tokenUrl: fastUrl } as never),
      });
      expect(await deliverTo(other)).toMatchObject({ status: 200 });
      expect(performance.now() - started).toBeLessThan(450);
      // Meanwhile the slow tenant had its four slots' worth of token requests out, no more.
      expect(tokenServer.fetches - fetches).toBe(DEFAULT_OAUTH_TOKENS_OPTIONS.fetchesPerTenant);
      const results = await Promise.all(pending);
      // The other two waited for a slot, then fetched (and timed out) in turn.
      expect(results.every((r) => r.kind === 'error' && r.errorClass === 'credential')).toBe(true);
      expect(tokenServer.fetches - fetches).toBe(6);
    } finally {
      await fast.stop();
    }
  });

  describe('mutual TLS with a private CA', () => {
    const tls = (overrides: Partial<DeliveryTls> = {}): DeliveryTls => ({
      clientCertificate: pki.clientCertificate,
      clientKey: sealed(pki.clientKey),
      ca: pki.caCertificate,
      ...overrides,
    });
    const mtls = (id: string, t: DeliveryTls | null) =>
      subscriptionFixture(id, `${mtlsUrl}/hook`, { tls: t });

    it('presents the client certificate and trusts the private CA', async () => {
      const result = await deliverTo(mtls('sub_mtls', tls()));
      expect(result).toMatchObject({ kind: 'response', status: 200 });
      expect(mtlsReceiver.requests[mtlsReceiver.requests.length - 1].clientCertificate).toBe(
        'client',
      );
    });

    it('fails without the private CA (public roots), without a client certificate, or with a stranger one', async () => {
      const sent = mtlsReceiver.requests.length;
      const noCa = await deliverTo(mtls('sub_mtls_no_ca', tls({ ca: null })));
      expect(noCa).toMatchObject({ kind: 'error', errorClass: 'tls' });
      const noCert = await deliverTo(
        mtls('sub_mtls_no_cert', tls({ clientCertificate: null, clientKey: null })),
      );
      expect(noCert.kind).toBe('error');
      const stranger = await deliverTo(
        mtls(
          'sub_mtls_stranger',
          tls({ clientCertificate: pki.strangerCertificate, clientKey: sealed(pki.strangerKey) }),
        ),
      );
      expect(stranger.kind).toBe('error');
      expect(await deliverTo(mtls('sub_mtls_none', null))).toMatchObject({ errorClass: 'tls' });
      expect(mtlsReceiver.requests.length).toBe(sent);
    });
  });

  it('a credential sealed with a key Herald does not have fails the attempt, naming no secret', async () => {
    const s = subscription('sub_foreign_key', {
      credential: {
        type: 'header',
        name: 'X-Api-Key',
        value: { sealed: 'hsk1:gone:AAAA', fingerprint: 'f' },
      },
    });
    const result = await deliverTo(s);
    expect(result).toMatchObject({ kind: 'error', errorClass: 'credential' });
    expect(result.kind === 'error' && result.message).toMatch(/header credential: .*key "gone"/);
  });
});

export type { IncomingMessage };
