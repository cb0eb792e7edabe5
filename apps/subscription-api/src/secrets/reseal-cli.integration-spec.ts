import { execFile } from 'child_process';
import { randomBytes } from 'crypto';
import { join } from 'path';
import { Client } from 'pg';
import { promisify } from 'util';
// Integration specs take their database from the shared test kit.
import { TestDatabase, createTestDatabase, withInheritedPath } from '@herald/testing';
import { RecordingBus, client, startApi } from '../testing/api-harness';

const ROOT = join(__dirname, '..', '..', '..', '..');
const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe('npm run secrets:reseal (the rotation command)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('reseals every stored secret with the new first key, and refuses a wrong key', async () => {
    const k1 = key('k1');
    const api = await startApi(
      { DATABASE_URL: db.url, HERALD_ADMIN_TOKEN: 'hadm_cli', HERALD_SECRETS_KEYS: k1 },
      { bus: new RecordingBus(), resolver: async () => ['93.184.215.14'] },
    );
    const admin = client(api.url, 'hadm_cli');
    await admin('POST', '/v1/tenants', { id: 'acme', name: 'Acme' });
    const tenantKey = (await admin('POST', '/v1/tenants/acme/api-keys', {})).body.key;
    const created = await client(api.url, tenantKey)('POST', '/v1/subscriptions', {
      url: 'https://93.184.215.14/hook',
      eventTypes: ['a'],
    });
    await api.close();

    const run = (keys: string) =>
      promisify(execFile)(
        process.execPath,
        ['scripts/run-ts.cjs', 'apps/subscription-api/src/secrets/reseal.cli.ts'],
        {
          cwd: ROOT,
          env: withInheritedPath({ DATABASE_URL: db.url, HERALD_SECRETS_KEYS: keys }),
        },
      ).then(
        (r) => ({ code: 0, out: r.stdout + r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({
          code: e.code,
          out: e.stdout + e.stderr,
        }),
      );
    const k2 = key('k2');
    const ok = await run(`${k2},${k1}`);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out).toMatch(
      /resealed the stored secrets of 1 subscription\(s\) and 0 signing key\(s\) with key "k2"/,
    );
    expect(ok.out).toMatch(/key k2: 1 secret/);
    const sql = new Client({ connectionString: db.url });
    await sql.connect();
    const { rows } = await sql.query<{ t: string }>(
      'SELECT signing_secrets::text AS t FROM subscriptions',
    );
    await sql.end();
    expect(rows[0].t).toContain('hsk1:k2:');
    expect(rows[0].t).not.toContain(created.body.secret.slice(6));

    const wrong = await run(`k2:${randomBytes(32).toString('base64')}`);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toMatch(/secrets:reseal failed: stored secrets cannot be decrypted: .*"k2"/);
    expect(wrong.out).not.toContain(created.body.secret.slice(6));
  }, 60_000);
});
