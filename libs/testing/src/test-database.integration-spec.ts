import { Client } from 'pg';
import { createTestDatabase } from './test-database';

describe('integration PostgreSQL', () => {
  it('gives each test file its own real database', async () => {
    const db = await createTestDatabase();
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ version: string }>('SELECT version()');
    await client.end();
    await db.drop();
    expect(rows[0].version).toMatch(/PostgreSQL 1\d/);
  });
});
