import { randomBytes } from 'crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from '@herald/embedded-postgres';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { JavaProcess, runJdkTool } from './java-process';
import { ensureKafkaDistribution } from './kafka-distribution';
import {
  ClientSecurity,
  HOST,
  clientProtocol,
  NodeAddress,
  log4jConfig,
  nodeConfig,
  renderProperties,
} from './node-config';
import { createTlsMaterial } from './tls-material';

export interface ScramUser {
  name: string;
  password: string;
}

export interface ApacheKafkaOptions {
  /** 1 (default) or 3 combined broker+controller nodes; 3 form one quorum of 3 voters. */
  nodes?: 1 | 3;
  /** Keep the cluster's data here (reused, not reformatted, on the next start). Default: a
   * temporary folder, deleted by `stop()`. */
  dataDir?: string;
  /** SCRAM-SHA-512 on the client listener, with these users (made at format time). */
  saslScram?: { users: ScramUser[] };
  /** TLS on the client listener with a self-signed certificate (see `tls.caPem`). */
  tls?: boolean;
  /** server.properties overrides for every node (e.g. `min.insync.replicas`). */
  brokerConfig?: Record<string, string | number | boolean>;
  /** JVM heap of each node (default 256m initial, 512m maximum). */
  heap?: { initial: string; max: string };
  /** How long to wait for every node to be in the cluster's metadata (default 60 s). */
  readyTimeoutMs?: number;
}

export interface ApacheKafkaCluster {
  version: string;
  clusterId: string;
  /** `host:port` of each node's client listener, in node order. */
  brokers: string[];
  /** The same, comma-separated (for HERALD_KAFKA_BROKERS, kcat -b). */
  bootstrap: string;
  /** Kafka node ids, in the order of `brokers` (index i in the methods below). */
  nodeIds: number[];
  dataDir: string;
  /** Every node's output (prefixed with its node id). */
  logFile: string;
  /** The client listener's protocol: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL. */
  protocol: string;
  tls?: { caPem: string };
  saslScram?: { mechanism: 'scram-sha-512'; users: ScramUser[] };
  isRunning(index: number): boolean;
  /** kill -9 of node `index`. */
  killNode(index: number): Promise<void>;
  /** Controlled shutdown of node `index`. */
  stopNode(index: number): Promise<void>;
  /** Starts node `index` again on its ports and data; resolves once it serves metadata listing
   * every node. */
  restartNode(index: number): Promise<void>;
  /** Stops every node (kill -9 when the data is temporary) and deletes temporary data. */
  stop(): Promise<void>;
}

interface ClusterLayout {
  clusterId: string;
  nodes: NodeAddress[];
}

/** Starts a real Apache Kafka (KRaft) on loopback, from the version pinned in the pom. */
export async function startApacheKafka(
  options: ApacheKafkaOptions = {},
): Promise<ApacheKafkaCluster> {
  const distribution = await ensureKafkaDistribution();
  const temporary = options.dataDir === undefined;
  const dataDir = resolve(options.dataDir ?? mkdtempSync(join(tmpdir(), 'herald-apache-kafka-')));
  mkdirSync(dataDir, { recursive: true });
  const layout = await loadOrCreateLayout(dataDir, options.nodes ?? 1);
  const logFile = join(dataDir, 'kafka.log');
  const log4jPath = join(dataDir, 'log4j2.properties');
  writeFileSync(log4jPath, log4jConfig());

  const tls = options.tls ? await createTlsMaterial(dataDir) : undefined;
  const security: ClientSecurity = {
    saslScram: options.saslScram !== undefined,
    tls: tls && { keystorePath: tls.keystorePath, password: tls.password },
  };
  const classPath = join(distribution.libs, '*');
  const configPath = (node: NodeAddress) => join(dataDir, `node-${node.nodeId}.properties`);
  for (const node of layout.nodes) {
    const config = nodeConfig({
      node,
      voters: layout.nodes,
      logDir: join(dataDir, `node-${node.nodeId}`),
      security,
      brokerConfig: options.brokerConfig,
    });
    writeFileSync(configPath(node), renderProperties(config));
  }
  await Promise.all(
    layout.nodes.map((node) =>
      formatStorage(classPath, log4jPath, configPath(node), layout.clusterId, options.saslScram),
    ),
  );

  const heap = options.heap ?? { initial: '256m', max: '512m' };
  const launch = (node: NodeAddress) =>
    new JavaProcess(
      [
        `-Xms${heap.initial}`,
        `-Xmx${heap.max}`,
        '-XX:+UseG1GC',
        '-XX:MaxGCPauseMillis=20',
        '-XX:+ExitOnOutOfMemoryError',
        '-Djava.awt.headless=true',
        `-Dlog4j2.configurationFile=${log4jPath}`,
        `-Dherald.kafka.node=${node.nodeId}`,
        '-cp',
        classPath,
        'kafka.Kafka',
        configPath(node),
      ],
      logFile,
    );
  const processes: JavaProcess[] = layout.nodes.map(launch);
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const internal = (node: NodeAddress) => `${HOST}:${node.internalPort}`;
  const stopAll = async () => {
    await Promise.all(processes.map((p) => (temporary ? p.kill() : p.stop(15_000))));
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForNodes(layout.nodes.map(internal), layout.nodes.length, readyTimeoutMs, () =>
      assertRunning(processes, logFile),
    );
    await warmUpGroupCoordinator(layout.nodes.map(internal), readyTimeoutMs);
  } catch (error) {
    await Promise.all(processes.map((p) => p.kill()));
    throw error;
  }

  const brokers = layout.nodes.map((node) => `${HOST}:${node.clientPort}`);
  const nodeAt = (index: number) => {
    const node = layout.nodes[index];
    if (!node) throw new Error(`no node ${index} (the cluster has ${layout.nodes.length})`);
    return node;
  };
  return {
    version: distribution.version,
    clusterId: layout.clusterId,
    brokers,
    bootstrap: brokers.join(','),
    nodeIds: layout.nodes.map((n) => n.nodeId),
    dataDir,
    logFile,
    protocol: clientProtocol(security),
    tls: tls && { caPem: tls.caPem },
    saslScram: options.saslScram && { mechanism: 'scram-sha-512', users: options.saslScram.users },
    isRunning: (index) => processes[index]?.alive ?? false,
    killNode: async (index) => {
      nodeAt(index);
      await processes[index].kill();
    },
    stopNode: async (index) => {
      nodeAt(index);
      await processes[index].stop(15_000);
    },
    restartNode: async (index) => {
      const node = nodeAt(index);
      if (processes[index].alive) throw new Error(`node ${node.nodeId} is still running`);
      processes[index] = launch(node);
      await waitForNodes([internal(node)], layout.nodes.length, readyTimeoutMs, () =>
        assertRunning([processes[index]], logFile),
      );
    },
    stop: stopAll,
  };
}

/** Ports and cluster id: made once, kept in the data folder so a restart finds its quorum. */
async function loadOrCreateLayout(dataDir: string, count: number): Promise<ClusterLayout> {
  const file = join(dataDir, 'cluster.json');
  if (existsSync(file)) {
    const layout = JSON.parse(readFileSync(file, 'utf8')) as ClusterLayout;
    if (layout.nodes.length !== count) {
      throw new Error(`${dataDir} holds a ${layout.nodes.length}-node cluster, not ${count}`);
    }
    return layout;
  }
  const nodes: NodeAddress[] = [];
  const taken = new Set<number>();
  const port = async () => {
    for (;;) {
      const p = await freePort();
      if (!taken.has(p)) {
        taken.add(p);
        return p;
      }
    }
  };
  for (let i = 0; i < count; i++) {
    nodes.push({
      nodeId: i + 1,
      clientPort: await port(),
      internalPort: await port(),
      controllerPort: await port(),
    });
  }
  const layout = { clusterId: newClusterId(), nodes };
  writeFileSync(file, JSON.stringify(layout, null, 2));
  return layout;
}

/** A Kafka Uuid: 16 random bytes, base64url without padding, never starting with '-'. */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

async function formatStorage(
  classPath: string,
  log4jPath: string,
  configPath: string,
  clusterId: string,
  saslScram: ApacheKafkaOptions['saslScram'],
): Promise<void> {
  const scram = (saslScram?.users ?? []).flatMap((u) => [
    '--add-scram',
    `SCRAM-SHA-512=[name=${u.name},password=${u.password}]`,
  ]);
  await runJdkTool('java', [
    '-Xmx256m',
    '-XX:TieredStopAtLevel=1',
    `-Dlog4j2.configurationFile=${log4jPath}`,
    '-Dherald.kafka.node=format',
    '-cp',
    classPath,
    'kafka.tools.StorageTool',
    'format',
    '--ignore-formatted',
    '--cluster-id',
    clusterId,
    '--config',
    configPath,
    ...scram,
  ]);
}

function assertRunning(processes: JavaProcess[], logFile: string): void {
  if (processes.every((p) => p.alive)) return;
  const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-4_000) : '';
  throw new Error(`an Apache Kafka node exited during start-up; ${logFile} ends with:\n${tail}`);
}

/** Until the cluster's metadata, asked of `seeds`, lists `count` brokers. */
async function waitForNodes(
  seeds: string[],
  count: number,
  timeoutMs: number,
  check: () => void,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer yet';
  for (;;) {
    check();
    const admin = new Kafka({
      brokers: seeds,
      clientId: 'herald-apache-kafka-ready',
      logLevel: logLevel.NOTHING,
      connectionTimeout: 1_000,
      requestTimeout: 2_000,
      retry: { retries: 0 },
    }).admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length >= count) return;
      lastError = `metadata lists ${cluster.brokers.length} of ${count} nodes`;
    } catch (error) {
      lastError = (error as Error).message;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    if (Date.now() > deadline) {
      throw new Error(`Apache Kafka not ready after ${timeoutMs} ms: ${lastError}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Makes `__consumer_offsets` exist and its coordinators loaded, as on any cluster that has run
 * before. On a fresh cluster the first consumer to join a group waits for that (FindCoordinator
 * answers COORDINATOR_NOT_AVAILABLE, JoinGroup COORDINATOR_LOAD_IN_PROGRESS, and kafkajs then
 * crashes and restarts the consumer), which delays the first messages by seconds.
 */
async function warmUpGroupCoordinator(seeds: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const admin = new Kafka({
      brokers: seeds,
      clientId: 'herald-apache-kafka-warm-up',
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    }).admin();
    try {
      await admin.connect();
      await admin.describeCluster(); // fills kafkajs' broker pool, which describeGroups needs
      // Resolves once the group's coordinator answers (kafkajs throws on its error codes).
      await admin.describeGroups(['herald-apache-kafka-warm-up']);
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`Apache Kafka's group coordinator not ready: ${(error as Error).message}`);
      }
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
