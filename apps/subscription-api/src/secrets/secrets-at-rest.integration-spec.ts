import { randomBytes } from 'crypto';
import { Client } from 'pg';
import { TOPICS } from '@herald/contracts';
import { secretFingerprint } from '@herald/delivery';
// Integration specs use the shared test kit; its broker is HERALD_TEST_KAFKA's.
import { createKafkaForBrokers } from '@herald/kafka';
import {
  TestDatabase,
  TopicCollector,
  createTestDatabase,
  eventually,
  TestKafka,
  startTestKafka,
} from '@herald/testing';
import { RunningApi, client, startApi } from '../testing/api-harness';

const ADMIN = 'hadm_secrets_spec';
const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const K1 = key('k1');
const K2 = key('k2');

/** The base64 body of a whsec_ secret: what must appear nowhere at rest. */
const bodyOf = (secret: string) => secret.slice('whsec_'.length);

describe('signing secrets at rest (real PostgreSQL, the test broker)', () => {
  let broker: TestKafka;
  let db: TestDatabase;
  let sql: Client;
  let collector: TopicCollector;
  let api: RunningApi | undefined;

  const start = async (keys: string) => {
    await api?.close();
    api = undefined;
    api = await startApi({
      DATABASE_URL: db.url,
      HERALD_ADMIN_TOKEN: ADMIN,
      HERALD_KAFKA_BROKERS: broker.brokers,
      HERALD_OUTBOX_POLL_MS: '20',
      HERALD_DATABASE_POOL_SIZE: '3',
      HERALD_SECRETS_KEYS: keys,
    });
    return api;
  };
  /** Everything a secret is stored in, as text: the column, the outbox and the changelog. */
  const atRest = async () => {
    const columns = await sql.query<{ t: string }>(
      'SELECT signing_secrets::text AS t FROM subscriptions',
    );
    const outbox = await sql.query<{ t: string }>(
      "SELECT coalesce(value::text, '') AS t FROM outbox",
    );
    return {
      column: columns.rows.map((r) => r.t).join('\n'),
      outbox: outbox.rows.map((r) => r.t).join('\n'),
      changelog: collector
        .on(TOPICS.subscriptionsChangelog)
        .map((m) => m.value ?? '')
        .join('\n'),
    };
  };
  const startFails = async (keys: string): Promise<string> => {
    try {
      await start(keys);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('started');
  };

  let tenantKey: string;
  let secret: string;
  let subscriptionId: string;

  beforeAll(async () => {
    broker = await startTestKafka();
    db = await createTestDatabase();
    const first = await start(K1);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    collector = new TopicCollector(createKafkaForBrokers(broker.brokers));
    await collector.start([TOPICS.subscriptionsChangelog]);
    const admin = client(first.url, ADMIN);
    await admin('POST', '/v1/tenants', { id: 'acme', name: 'Acme' });
    tenantKey = (await admin('POST', '/v1/tenants/acme/api-keys', {})).body.key;
    const created = await client(first.url, tenantKey)('POST', '/v1/subscriptions', {
      url: 'https://93.184.215.14/hook',
      eventTypes: ['order.*'],
    });
    expect(created.status).toBe(201);
    secret = created.body.secret;
    subscriptionId = created.body.id;
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await collector?.stop();
    await sql?.end();
    await db?.drop();
    await broker?.stop();
  });

  it('keeps no plain-text secret in the column, the outbox or the changelog', async () => {
    await eventually(
      () => collector.on(TOPICS.subscriptionsChangelog).length >= 1,
      'the changelog record',
    );
    const rest = await atRest();
    for (const [where, text] of Object.entries(rest)) {
      expect({ where, sealed: text.includes('hsk1:k1:') }).toEqual({ where, sealed: true });
      expect({ where, plain: text.includes(bodyOf(secret)) }).toEqual({ where, plain: false });
    }
    const view = await client(api!.url, tenantKey)('GET', `/v1/subscriptions/${subscriptionId}`);
    expect(view.body.signing.secrets).toEqual([
      { fingerprint: secretFingerprint(secret), expiresAt: null },
    ]);
    expect(JSON.stringify(view.body)).not.toContain(bodyOf(secret).slice(0, 8));
  });

  it('refuses to start with a wrong or missing key, naming the key id and no secret', async () => {
    const wrong = await startFails(`k1:${randomBytes(32).toString('base64')}`);
    expect(wrong).toMatch(/stored secrets cannot be decrypted: .*key "k1"/);
    const missing = await startFails(K2);
    expect(missing).toMatch(/HERALD_SECRETS_KEYS has no key "k1", which seals 1 stored/);
    for (const message of [wrong, missing]) {
      expect(message).not.toContain(bodyOf(secret));
      expect(message).not.toContain(K1.slice(3));
    }
  }, 30_000);

  it('rotates the key: old secrets stay readable and are resealed with the new key at start-up', async () => {
    const before = collector.on(TOPICS.subscriptionsChangelog).length;
    const rotated = await start(`${K2},${K1}`);
    const revealed = await client(rotated.url, tenantKey)(
      'GET',
      `/v1/subscriptions/${subscriptionId}/secret`,
    );
    expect(revealed.body).toEqual({ secret, fingerprint: secretFingerprint(secret) });
    const { rows } = await sql.query<{ t: string }>(
      'SELECT signing_secrets::text AS t FROM subscriptions',
    );
    expect(rows[0].t).toContain('hsk1:k2:');
    expect(rows[0].t).not.toContain('hsk1:k1:');
    await eventually(
      () => collector.on(TOPICS.subscriptionsChangelog).length > before,
      'the resealed changelog record',
    );
    const latest = collector.on(TOPICS.subscriptionsChangelog).at(-1)!.value!;
    expect(latest).toContain('hsk1:k2:');
    expect(latest).not.toContain(bodyOf(secret));
    // Resealed: the old key is no longer needed.
    const k2Only = await start(K2);
    expect(
      (await client(k2Only.url, tenantKey)('GET', `/v1/subscriptions/${subscriptionId}/secret`))
        .body.secret,
    ).toBe(secret);
  }, 30_000);

  it('seals plain-text secrets stored before sealing existed, at start-up', async () => {
    const legacy = `whsec_${randomBytes(32).toString('base64')}`;
    await sql.query(`UPDATE subscriptions SET signing_secrets = $1::jsonb WHERE id = $2`, [
      JSON.stringify([{ secret: legacy, expiresAt: null }]),
      subscriptionId,
    ]);
    const restarted = await start(K2);
    const { rows } = await sql.query<{ t: string }>(
      'SELECT signing_secrets::text AS t FROM subscriptions',
    );
    expect(rows[0].t).not.toContain(bodyOf(legacy));
    expect(rows[0].t).toContain('hsk1:k2:');
    const tenant = client(restarted.url, tenantKey);
    expect((await tenant('GET', `/v1/subscriptions/${subscriptionId}/secret`)).body.secret).toBe(
      legacy,
    );
    expect(
      (await tenant('GET', `/v1/subscriptions/${subscriptionId}`)).body.signing.secrets,
    ).toEqual([{ fingerprint: secretFingerprint(legacy), expiresAt: null }]);
    await eventually(
      () =>
        collector
          .on(TOPICS.subscriptionsChangelog)
          .some((m) => m.value?.includes(secretFingerprint(legacy)) ?? false),
      'the sealed record of the legacy secret',
    );
    const rest = await atRest();
    expect(rest.changelog).not.toContain(bodyOf(legacy));
    expect(rest.outbox).not.toContain(bodyOf(legacy));
  }, 30_000);
});
