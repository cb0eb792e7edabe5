// One shared Apache Kafka for the spec files of one jest worker (scripts/test-apache.cjs starts
// one per worker with `node scripts/run-ts.cjs tools/apache-kafka/src/shared-broker.cli.ts`).
// Prints one JSON line `{"bootstrap": ...}` on stdout once ready; stops (and deletes its
// temporary data) on SIGTERM or SIGINT or when its stdin closes, i.e. when the parent is gone.
import { startApacheKafka } from './apache-kafka';
import { SHARED_BROKER_CONFIG } from './shared-broker';

async function main(): Promise<void> {
  const cluster = await startApacheKafka({ nodes: 1, brokerConfig: { ...SHARED_BROKER_CONFIG } });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void cluster.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
  const ready = { bootstrap: cluster.bootstrap, version: cluster.version };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`shared Apache Kafka broker failed to start: ${error.message}\n`);
  process.exit(1);
});
