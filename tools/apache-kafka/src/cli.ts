// `npm run kafka:apache -- [--nodes 1|3] [--data-dir DIR] [--fresh]`: a real Apache Kafka on
// loopback for a person, until Ctrl-C. Data (and so the ports) persist between runs.
import { rmSync } from 'fs';
import { join } from 'path';
import { startApacheKafka } from './apache-kafka';
import { repositoryRoot } from './kafka-distribution';

interface Args {
  nodes: 1 | 3;
  dataDir?: string;
  fresh: boolean;
}

function usage(message: string): never {
  console.error(
    `${message}\nusage: npm run kafka:apache -- [--nodes 1|3] [--data-dir DIR] [--fresh]`,
  );
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { nodes: 1, fresh: false };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '--nodes':
        if (value !== '1' && value !== '3') usage(`--nodes: '${value}' is not 1 or 3`);
        args.nodes = Number(value) as 1 | 3;
        i++;
        break;
      case '--data-dir':
        if (!value) usage('--data-dir needs a value');
        args.dataDir = value;
        i++;
        break;
      case '--fresh':
        args.fresh = true;
        break;
      default:
        usage(`unknown argument '${argv[i]}'`);
    }
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dataDir =
    args.dataDir ?? join(repositoryRoot(), '.herald', 'apache-kafka', `cluster-${args.nodes}`);
  if (args.fresh) rmSync(dataDir, { recursive: true, force: true });
  console.log(
    `starting Apache Kafka (${args.nodes} node${args.nodes > 1 ? 's' : ''}) in ${dataDir}`,
  );
  const started = Date.now();
  const cluster = await startApacheKafka({ nodes: args.nodes, dataDir });
  console.log(`
Apache Kafka ${cluster.version} is running (KRaft, ${args.nodes} node${args.nodes > 1 ? 's' : ''}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s).

  Bootstrap servers  ${cluster.bootstrap}
  Cluster id         ${cluster.clusterId}
  Log                ${cluster.logFile}

Run Herald on it (another terminal):
  HERALD_KAFKA_BROKERS=${cluster.bootstrap} npm start

Ctrl-C stops it; data stays in ${dataDir} (--fresh starts over).
`);
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('stopping Apache Kafka');
    void cluster.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  setInterval(() => undefined, 60_000);
}

main().catch((error: Error) => {
  console.error(`kafka:apache failed: ${error.message}`);
  process.exit(1);
});
