import { randomBytes } from 'crypto';
import { freePort } from '@herald/embedded-postgres';
import { KafkaConnection } from '@herald/kafka';
import { SERVICES } from './service-catalogue';
import { serviceEnvironment } from './service-environment';
import { ServiceProcess } from './service-process';
import { waitUntilReady } from './wait-until-ready';

export interface OneServiceOptions {
  connection: KafkaConnection;
  databaseUrl: string;
  /** HERALD_SECRETS_KEYS, for a service that reads signing secrets. */
  secretsKeys?: string;
  /** Extra environment (short poll intervals, a small pool, ...). */
  env?: Record<string, string>;
  /** Node flags before the entry point (profiling). */
  nodeArgs?: readonly string[];
  readyTimeoutMs?: number;
}

export interface RunningService {
  url: string;
  /** Stops it with SIGTERM (it drains), then SIGKILL after the grace period. */
  stop(): Promise<void>;
}

/** Lines of the service's output kept for the error when it does not come up. */
const KEPT_LINES = 40;

/**
 * One Herald service as a child process on a free port, ready when this resolves: for a spec or
 * a bench of one service that needs a second one running beside it (an app never imports
 * another app). It is not restarted when it dies.
 */
export async function startService(
  name: string,
  options: OneServiceOptions,
): Promise<RunningService> {
  const service = SERVICES.find((s) => s.name === name);
  if (!service) throw new Error(`no service ${name}`);
  const entry = { ...service, port: await freePort() };
  const output: string[] = [];
  const environmentOf = serviceEnvironment({
    connection: options.connection,
    databaseUrl: options.databaseUrl,
    adminToken: randomBytes(24).toString('hex'),
    secretsKeys: options.secretsKeys ?? '',
    extra: options.env,
  });
  const child = new ServiceProcess({
    service: entry,
    env: environmentOf(entry),
    restartLimit: 0,
    nodeArgs: options.nodeArgs,
    onOutput: (_, line) => {
      output.push(line);
      if (output.length > KEPT_LINES) output.shift();
    },
    onGiveUp: () => undefined,
  });
  child.start();
  const url = `http://127.0.0.1:${entry.port}`;
  try {
    await waitUntilReady(`${url}/health/ready`, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await child.stop();
    throw new Error(`${name} did not come up: ${(error as Error).message}\n${output.join('\n')}`);
  }
  return { url, stop: () => child.stop() };
}
