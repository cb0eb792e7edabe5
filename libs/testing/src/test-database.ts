import { randomBytes } from 'crypto';
import { Client } from 'pg';
import { loadConfig, str } from '@herald/config';

const testSchema = {
  HERALD_TEST_DATABASE_URL: str({
    description: 'PostgreSQL server for integration tests (set by the jest global setup)',
    sensitive: true,
  }),
};

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the integration run's PostgreSQL, dropped in teardown. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = new URL(loadConfig(testSchema).HERALD_TEST_DATABASE_URL);
  const name = `herald_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: withDatabase(serverUrl, name),
    drop: async () => {
      const client = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

function withDatabase(server: URL, database: string): string {
  const url = new URL(server.toString());
  url.pathname = `/${database}`;
  return url.toString();
}
