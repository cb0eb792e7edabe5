import { Kafka, logLevel } from 'kafkajs';
import { EmbeddedKafka, EmbeddedKafkaOptions, startEmbeddedKafka } from '../src';

/** A broker on a free port plus a kafkajs client for it; `stop()` in afterAll. */
export async function startBrokerAndClient(
  options: EmbeddedKafkaOptions = {},
): Promise<{ broker: EmbeddedKafka; kafka: Kafka }> {
  const broker = await startEmbeddedKafka({ port: 0, initialRebalanceDelayMs: 50, ...options });
  const kafka = new Kafka({
    clientId: 'embedded-kafka-spec',
    brokers: [broker.brokers],
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 50 },
  });
  return { broker, kafka };
}

/** Resolves once `predicate` holds, polling every 10 ms; rejects after `timeoutMs`. */
export async function eventually(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
  what: string | (() => string) = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

let counter = 0;
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}
