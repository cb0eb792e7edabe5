import { int, loadConfig, optionalStr } from '@herald/config';
import { nodeConfig } from './node-config';

/**
 * One Apache Kafka per jest worker, shared by the spec files that worker runs one after another
 * (scripts/test-apache.cjs starts them with shared-broker.cli.ts). A spec file claims its
 * worker's broker, which is reset to empty first (see broker-reset.ts), instead of paying ~8 s
 * for a JVM of its own.
 */
export const sharedBrokerSchema = {
  HERALD_TEST_KAFKA_SHARED_BROKERS: optionalStr({
    description:
      'integration tests on Apache Kafka: bootstrap of one shared broker per jest worker, space-separated, in worker order (set by scripts/test-apache.cjs; unset = every spec file starts its own)',
    default: '',
  }),
  JEST_WORKER_ID: int({
    description: 'the jest worker this process is (set by jest)',
    default: '1',
    min: 1,
  }),
};

/**
 * server.properties overrides of a shared broker: the settings startTestKafka's brokers have
 * (node-config.ts) plus what the embedded broker's conformance specs ask of theirs by default
 * (libs/embedded-kafka/test/broker-under-test.ts). Kafka's default minimum session timeout is
 * 6 s; 1 s only admits shorter sessions, which no startTestKafka spec asks for.
 */
export const SHARED_BROKER_CONFIG: Readonly<Record<string, string | number | boolean>> = {
  'group.initial.rebalance.delay.ms': 0,
  'group.min.session.timeout.ms': 1000,
  'group.max.session.timeout.ms': 30 * 60 * 1000,
  'auto.create.topics.enable': true,
  'num.partitions': 3,
};

/** The shared broker's whole server.properties, as far as this repository sets it. */
function sharedSettings(): Record<string, string> {
  const node = { nodeId: 1, clientPort: 0, internalPort: 0, controllerPort: 0 };
  return nodeConfig({
    node,
    voters: [node],
    logDir: '',
    security: { saslScram: false },
    brokerConfig: SHARED_BROKER_CONFIG,
  });
}

/** Whether a spec asking for these broker settings can have the shared broker (same values). */
export function fitsSharedBroker(requested: Record<string, string | number | boolean>): boolean {
  const shared = sharedSettings();
  return Object.entries(requested).every(([key, value]) => shared[key] === String(value));
}

/** The shared broker of worker `workerId` (1-based) in `list`; none when there are fewer. */
export function pickSharedBroker(list: string, workerId: number): string | undefined {
  const brokers = list.split(/\s+/).filter((b) => b !== '');
  return brokers[workerId - 1];
}

// Module state lives as long as one spec file (jest gives each file its own module registry),
// so a second broker asked for by the same file is a broker of its own, never the claimed one.
let claimed = false;

/**
 * This worker's shared broker for the calling spec file, or undefined (none was started, or
 * this file already holds it). `release` hands it back (the broker itself keeps running).
 */
export function claimSharedBroker(): { bootstrap: string; release(): void } | undefined {
  if (claimed) return undefined;
  const config = loadConfig(sharedBrokerSchema);
  const bootstrap = pickSharedBroker(
    config.HERALD_TEST_KAFKA_SHARED_BROKERS ?? '',
    config.JEST_WORKER_ID,
  );
  if (!bootstrap) return undefined;
  claimed = true;
  return { bootstrap, release: () => (claimed = false) };
}
