import { logLevel } from 'kafkajs';
import { join, resolve } from 'path';
import { allTopics } from '@herald/contracts';
import { startEmbeddedKafka } from '@herald/embedded-kafka';
import { freePort, startEmbeddedPostgres } from '@herald/embedded-postgres';
import { KafkaConnection, createKafka, ensureTopics, plaintextConnection } from '@herald/kafka';
import { loadOrCreateAdminToken, loadOrCreateSecretsKeys } from './admin-token';
import { SERVICES, ServiceEntry, portOf } from './service-catalogue';
import { serviceEnvironment } from './service-environment';
import { ServiceProcess } from './service-process';
import { waitUntilReady } from './wait-until-ready';

export interface StackOptions {
  /** Data folder (broker log, PostgreSQL cluster, admin token). */
  home: string;
  /** Keep data between runs (npm start) or throw it away (tests). */
  persistent: boolean;
  /** Embedded broker port; 0 = any free port. Unused with `externalKafka`. */
  kafkaPort: number;
  /** Use this Kafka (e.g. Apache Kafka) instead of starting the embedded broker. */
  externalKafka?: ExternalKafka;
  postgresPort: number;
  /** Use this PostgreSQL instead of starting the embedded one (tests use the run's server). */
  databaseUrl?: string;
  /**
   * Ports for the services: their defaults, free ports, or by port variable (`HERALD_API_PORT`
   * ...; a service not named keeps its default).
   */
  servicePorts?: 'defaults' | 'free' | Readonly<Record<string, number>>;
  /** Extra environment for every service (short retry ladders in tests, etc.). */
  env?: Record<string, string>;
  restartLimit?: number;
  /** Extra node flags for every service (e.g. `--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs?: readonly string[];
  log: (source: string, line: string) => void;
}

/** A Kafka the stack uses but does not own: it never stops it. */
export interface ExternalKafka {
  connection: KafkaConnection;
  /** Stops and starts it again on the same data (restartBroker); absent = refused. */
  restart?(): Promise<void>;
}

export interface RunningStack {
  brokers: string;
  /** Which Kafka the services use: the embedded broker, or an external one. */
  kafka: 'embedded' | 'external';
  databaseUrl: string;
  adminToken: string;
  apiUrl: string;
  services: Map<string, { entry: ServiceEntry; process: ServiceProcess; url: string }>;
  restartBroker(): Promise<void>;
  /** Stops PostgreSQL for `downMs`, then starts it again on the same data and port. */
  interruptPostgres(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole platform on one machine: embedded broker (or an external Kafka), embedded
 * PostgreSQL, topics, and the five services as supervised child processes. Used by `npm start`, the end-to-end tests,
 * the benchmark and the chaos run.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const home = resolve(options.home);
  const kafkaDir = join(home, 'kafka');
  const kafkaPort = options.externalKafka ? 0 : options.kafkaPort || (await freePort());
  const startBroker = () =>
    startEmbeddedKafka({ port: kafkaPort, host: '127.0.0.1', dataDir: kafkaDir });
  let embedded = options.externalKafka ? undefined : await startBroker();
  const connection: KafkaConnection =
    options.externalKafka?.connection ?? plaintextConnection([embedded!.brokers]);
  const startPostgres = (port: number) =>
    startEmbeddedPostgres({
      dataDir: join(home, 'postgres'),
      port,
      persistent: options.persistent,
      onLog: () => undefined,
    });
  let postgres = options.databaseUrl
    ? { url: options.databaseUrl, port: 0, stop: async () => undefined }
    : await startPostgres(options.postgresPort);
  const brokers = connection.HERALD_KAFKA_BROKERS.join(',');
  // Quiet: kafkajs logs every retriable answer of a new topic (NOT_LEADER_FOR_PARTITION on
  // Apache Kafka) as an error; a real failure still throws.
  await ensureTopics(
    createKafka(connection, 'launcher', { logLevel: logLevel.NOTHING }),
    allTopics(),
  );
  const adminToken = loadOrCreateAdminToken(join(home, 'admin-token'));
  const secretsKeys = loadOrCreateSecretsKeys(join(home, 'secrets-keys'));
  const environmentOf = serviceEnvironment({
    connection,
    databaseUrl: postgres.url,
    adminToken,
    secretsKeys,
    extra: options.env,
  });
  const services = new Map<string, { entry: ServiceEntry; process: ServiceProcess; url: string }>();
  for (const service of SERVICES) {
    const chosen = portOf(service, options.servicePorts);
    const port = chosen === 'free' ? await freePort() : chosen;
    const entry = { ...service, port };
    const child = new ServiceProcess({
      service: entry,
      env: environmentOf(service),
      restartLimit: options.restartLimit ?? 5,
      nodeArgs: options.nodeArgs ?? [],
      onOutput: options.log,
      onGiveUp: (name) => options.log('launcher', `${name} keeps crashing; giving up on it`),
    });
    services.set(service.name, { entry, process: child, url: `http://127.0.0.1:${port}` });
  }
  // The API runs the migrations, so it goes first; the rest start together.
  const [api, ...rest] = [...services.values()];
  api.process.start();
  await waitUntilReady(`${api.url}/health/ready`, 60_000);
  for (const s of rest) s.process.start();
  await Promise.all(rest.map((s) => waitUntilReady(`${s.url}/health/ready`, 60_000)));

  return {
    brokers,
    kafka: embedded ? 'embedded' : 'external',
    databaseUrl: postgres.url,
    adminToken,
    apiUrl: api.url,
    services,
    restartBroker: async () => {
      if (!embedded) {
        if (!options.externalKafka?.restart) throw new Error('Kafka is external to this stack');
        return options.externalKafka.restart();
      }
      await embedded.stop();
      embedded = await startBroker();
    },
    interruptPostgres: async (downMs) => {
      if (options.databaseUrl) throw new Error('PostgreSQL is external to this stack');
      const port = postgres.port;
      await postgres.stop();
      await new Promise((r) => setTimeout(r, downMs));
      postgres = await startPostgres(port);
    },
    stop: async () => {
      await Promise.all([...services.values()].map((s) => s.process.stop()));
      await embedded?.stop();
      await postgres.stop();
    },
  };
}
