import { startEmbeddedKafka } from './embedded-kafka';

function usage(message: string): never {
  console.error(
    `${message}\nusage: npm run kafka -- [--port 9092] [--host 127.0.0.1] [--data-dir DIR] [--partitions 3]`,
  );
  process.exit(2);
}

function parseArgs(argv: string[]): {
  port: number;
  host: string;
  dataDir?: string;
  partitions: number;
} {
  const out = {
    port: 9092,
    host: '127.0.0.1',
    dataDir: undefined as string | undefined,
    partitions: 3,
  };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '--port':
        out.port = Number(value);
        if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535)
          usage(`--port: '${value}' is not a port`);
        i++;
        break;
      case '--host':
        if (!value) usage('--host needs a value');
        out.host = value;
        i++;
        break;
      case '--data-dir':
        if (!value) usage('--data-dir needs a value');
        out.dataDir = value;
        i++;
        break;
      case '--partitions':
        out.partitions = Number(value);
        if (!Number.isInteger(out.partitions) || out.partitions < 1)
          usage(`--partitions: '${value}' is not a positive integer`);
        i++;
        break;
      default:
        usage(`unknown argument '${argv[i]}'`);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const broker = await startEmbeddedKafka({
    port: args.port,
    host: args.host,
    dataDir: args.dataDir,
    defaultPartitions: args.partitions,
    onError: (err) => console.error(`[embedded-kafka] connection closed: ${err.message}`),
  });
  console.log(
    `embedded Kafka-protocol broker (dev/test only) listening on ${broker.brokers}` +
      (args.dataDir ? `, data in ${args.dataDir}` : ', in memory'),
  );
  const shutdown = (): void => {
    void broker.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
