// Starts a one-node cluster, prints its bootstrap servers, then waits to be killed: the spec
// SIGKILLs this process and checks that the JVM went with it.
import { startApacheKafka } from '../src';

void startApacheKafka({ nodes: 1 }).then((cluster) => {
  process.stdout.write(`${cluster.bootstrap}\n`);
  setInterval(() => undefined, 60_000);
});
