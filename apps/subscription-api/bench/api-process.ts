import { ChildProcess, spawn } from 'child_process';
import { childEnvironment } from '@herald/config';
import { freePort } from '@herald/embedded-postgres';

/** The admin token the API benches start the service with. */
export const BENCH_ADMIN_TOKEN = 'hadm_bench_token';

export interface ApiProcessOptions {
  databaseUrl: string;
  brokers: string;
  /** HERALD_SECRETS_KEYS; unset or empty = a fixed bench key. */
  secretsKeys?: string;
  /** More environment for the service (e.g. HERALD_RETENTION_DAYS). */
  env?: Record<string, string>;
  readyWithinMs: number;
}

export interface ApiProcess {
  url: string;
  /** SIGTERM, then waits for the exit (nothing when it already exited). */
  stop(): Promise<void>;
}

/** The real subscription-api as a child process on a free port, once it reports ready. */
export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    ['scripts/run-ts.cjs', 'apps/subscription-api/src/main.ts'],
    {
      env: childEnvironment({
        DATABASE_URL: options.databaseUrl,
        HERALD_KAFKA_BROKERS: options.brokers,
        HERALD_API_PORT: String(port),
        HERALD_ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
        HERALD_LOG_LEVEL: 'warn',
        HERALD_DATABASE_POOL_SIZE: '20',
        HERALD_SECRETS_KEYS:
          options.secretsKeys || `bench:${Buffer.alloc(32, 7).toString('base64')}`,
        ...options.env,
      }),
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  };
  try {
    await waitReady(url, child, options.readyWithinMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

async function waitReady(url: string, child: ChildProcess, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`subscription-api exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`subscription-api did not become ready within ${withinMs / 1000} s`);
}

/** One JSON call to the API; anything but 2xx throws with the status and body. */
export async function callApi(
  url: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, string>> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, string>;
}
