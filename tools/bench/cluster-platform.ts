import { join } from 'path';
import { allTopics } from '@herald/contracts';
import { ApacheKafkaCluster, startApacheKafka } from '@herald/apache-kafka';
import { freePort, RunningPostgres, startEmbeddedPostgres } from '@herald/embedded-postgres';
import { createKafka, ensureTopics, plaintextConnection } from '@herald/kafka';
import {
  SERVICES,
  ServiceEntry,
  ServiceProcess,
  loadOrCreateAdminToken,
  loadOrCreateSecretsKeys,
  serviceEnvironment,
  waitUntilReady,
} from '@herald/stack';

/** One running instance of a Herald service. */
export interface ServiceInstance {
  name: string;
  url: string;
  process: ServiceProcess;
}

export interface ClusterPlatform {
  kafka: ApacheKafkaCluster;
  adminToken: string;
  apiUrl: string;
  instances: ServiceInstance[];
  /** Starts one more instance of `service` and waits until it is ready. */
  addInstance(service: string): Promise<ServiceInstance>;
  stop(): Promise<void>;
}

export interface ClusterPlatformOptions {
  home: string;
  /** Instances of every service (the chaos run uses 2). */
  instancesPerService: number;
  log: (source: string, line: string) => void;
}

/**
 * Herald on a 3-node Apache Kafka cluster (replication factor 3, min.insync.replicas 2; the
 * services produce with acks=all) with several instances of every service, each a supervised
 * child process: the production shape, on one machine.
 */
export async function startClusterPlatform(
  options: ClusterPlatformOptions,
): Promise<ClusterPlatform> {
  const kafka = await startApacheKafka({
    nodes: 3,
    dataDir: join(options.home, 'kafka'),
    brokerConfig: {
      'default.replication.factor': 3,
      'min.insync.replicas': 2,
      'offsets.topic.replication.factor': 3,
      'transaction.state.log.replication.factor': 3,
      'transaction.state.log.min.isr': 2,
      'unclean.leader.election.enable': false,
    },
  });
  const connection = plaintextConnection(kafka.brokers);
  let postgres: RunningPostgres | undefined;
  try {
    postgres = await startEmbeddedPostgres({
      dataDir: join(options.home, 'postgres'),
      port: await freePort(),
      persistent: false,
      onLog: () => undefined,
    });
    await ensureTopics(createKafka(connection, 'chaos-cluster'), allTopics());
  } catch (error) {
    await postgres?.stop();
    await kafka.stop();
    throw error;
  }
  const adminToken = loadOrCreateAdminToken(join(options.home, 'admin-token'));
  const environmentOf = serviceEnvironment({
    connection,
    databaseUrl: postgres.url,
    adminToken,
    secretsKeys: loadOrCreateSecretsKeys(join(options.home, 'secrets-keys')),
    extra: { HERALD_LOG_LEVEL: 'warn' },
  });
  const instances: ServiceInstance[] = [];
  const launch = async (service: ServiceEntry): Promise<ServiceInstance> => {
    const entry = { ...service, port: await freePort() };
    const ordinal = instances.filter((i) => i.name.startsWith(`${service.name}#`)).length + 1;
    const name = `${service.name}#${ordinal}`;
    const child = new ServiceProcess({
      service: entry,
      env: environmentOf(entry),
      restartLimit: 20,
      onOutput: (_, line) => options.log(name, line),
      onGiveUp: () => options.log(name, 'keeps crashing; giving up on it'),
    });
    const instance = { name, url: `http://127.0.0.1:${entry.port}`, process: child };
    instances.push(instance);
    child.start();
    await waitUntilReady(`${instance.url}/health/ready`, 120_000);
    return instance;
  };
  const [api, ...rest] = SERVICES;
  // The first API instance runs the migrations; everything else starts after it.
  await launch(api);
  for (let n = 1; n < options.instancesPerService; n++) await launch(api);
  for (let n = 0; n < options.instancesPerService; n++) {
    await Promise.all(rest.map((service) => launch(service)));
  }
  return {
    kafka,
    adminToken,
    apiUrl: instances[0].url,
    instances,
    addInstance: async (serviceName) => {
      const service = SERVICES.find((s) => s.name === serviceName);
      if (!service) throw new Error(`no service named ${serviceName}`);
      return launch(service);
    },
    stop: async () => {
      await Promise.all(instances.map((i) => i.process.stop()));
      await kafka.stop();
      await postgres?.stop();
    },
  };
}
