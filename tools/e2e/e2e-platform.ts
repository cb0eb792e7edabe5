import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { RunningStack, startStack } from '@herald/stack';
import {
  TestDatabase,
  TestKafka,
  createTestDatabase,
  serviceLogsShown,
  startTestKafka,
} from '@herald/testing';
import { PublicApi } from './public-api';

/** The whole platform for one e2e spec file: its own database, broker, services and API. */
export interface E2ePlatform {
  stack: RunningStack;
  api: PublicApi;
  database: TestDatabase;
  testKafka: TestKafka;
  /** Stops the services, the broker and the database and removes the stack's home. */
  stop(): Promise<void>;
}

export interface E2ePlatformOptions {
  /** Names the temporary home (`herald-<name>-...`). */
  name: string;
  /** Extra service environment (`HERALD_LOG_LEVEL` is `warn` unless set here). */
  env?: Record<string, string>;
  restartLimit?: number;
  /** Which service lines reach stderr: errors and fatals by default; `E2E_LOG=1` shows all. */
  showLine?: (line: string) => boolean;
}

const errorsOnly = (line: string) => /"level":"(error|fatal)"/.test(line);

/**
 * Starts a database and a test broker (`HERALD_TEST_KAFKA` picks embedded or Apache), the five
 * services on free loopback ports against them, and a public-API client.
 */
export async function startE2ePlatform(options: E2ePlatformOptions): Promise<E2ePlatform> {
  const home = mkdtempSync(join(tmpdir(), `herald-${options.name}-`));
  const [database, testKafka] = await Promise.all([createTestDatabase(), startTestKafka()]);
  const showLine = options.showLine ?? errorsOnly;
  const stack = await startStack({
    externalKafka: { connection: testKafka.connection, restart: () => testKafka.restart() },
    databaseUrl: database.url,
    home,
    persistent: false,
    kafkaPort: 0,
    postgresPort: 0,
    servicePorts: 'free',
    ...(options.restartLimit === undefined ? {} : { restartLimit: options.restartLimit }),
    env: { HERALD_LOG_LEVEL: 'warn', ...options.env },
    log: (source, line) => {
      if (serviceLogsShown() || showLine(line)) process.stderr.write(`[${source}] ${line}\n`);
    },
  });
  const api = new PublicApi(stack.apiUrl, stack.brokers);
  return {
    stack,
    api,
    database,
    testKafka,
    stop: async () => {
      await api.close();
      await stack.stop();
      await testKafka.stop();
      await database.drop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
