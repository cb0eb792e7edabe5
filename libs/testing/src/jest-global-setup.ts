import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
// jest loads global setup outside its module mapper, so path aliases do not resolve here: the
// kit's own dependencies (allowed by their tags) are reached by path, at modules that import no
// alias themselves.
// eslint-disable-next-line @nx/enforce-module-boundaries -- jest's global setup has no path aliases
import { startEmbeddedPostgres } from '../../embedded-postgres/src/embedded-postgres';
// eslint-disable-next-line @nx/enforce-module-boundaries -- jest's global setup has no path aliases
import { ensureKafkaDistribution } from '../../../tools/apache-kafka/src/kafka-distribution';

interface GlobalPostgres {
  stop(): Promise<void>;
  folder: string;
}

/**
 * One real PostgreSQL for the whole integration run (each test file makes its own database
 * with `createTestDatabase`). `DATABASE_URL` in the environment means "use that server".
 */
export default async function globalSetup(): Promise<void> {
  // On Apache Kafka every spec file starts its own node: fetch the jars once, before any does.
  if (process.env.HERALD_TEST_KAFKA === 'apache') await ensureKafkaDistribution();
  const given = process.env.DATABASE_URL;
  if (given) {
    process.env.HERALD_TEST_DATABASE_URL = given;
    return;
  }
  const folder = mkdtempSync(join(tmpdir(), 'herald-test-pg-'));
  const pg = await startEmbeddedPostgres({ dataDir: join(folder, 'data'), persistent: false });
  process.env.HERALD_TEST_DATABASE_URL = pg.url;
  (globalThis as { __heraldPostgres?: GlobalPostgres }).__heraldPostgres = {
    stop: () => pg.stop(),
    folder,
  };
}
