import { randomBytes } from 'crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { TOPICS, allTopics } from '@herald/contracts';
import { Environment, loadConfig, matcherSchema } from '@herald/config';
import { ApacheKafkaCluster, startApacheKafka } from '@herald/apache-kafka';
import { KafkaConnectionSettingsError } from './connection-errors';
import { createKafka } from './kafka-client';
import { ensureTopics } from './topic-bootstrap';

/**
 * Herald's Kafka settings against Apache Kafka 4.1.1 with SASL/SCRAM-SHA-512 over TLS (a
 * self-signed certificate made by the test with the JDK's keytool): a service's configuration
 * is loaded from the environment, its client connects and bootstraps the topics as the
 * services do at start-up, and a wrong password stops that start-up with a clear message.
 */
jest.setTimeout(120_000);

describe('Herald on Apache Kafka with SASL/SCRAM-SHA-512 over TLS', () => {
  const password = randomBytes(12).toString('hex');
  let cluster: ApacheKafkaCluster;
  let folder: string;
  let caFile: string;

  beforeAll(async () => {
    cluster = await startApacheKafka({
      nodes: 1,
      tls: true,
      saslScram: { users: [{ name: 'herald', password }] },
    });
    folder = mkdtempSync(join(tmpdir(), 'herald-kafka-tls-'));
    caFile = join(folder, 'kafka-ca.pem');
    writeFileSync(caFile, cluster.tls!.caPem);
  });
  afterAll(async () => {
    await cluster?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** What the matcher reads at start-up, from these variables. */
  const env = (overrides: Environment = {}): Environment => ({
    HERALD_KAFKA_BROKERS: cluster.bootstrap,
    HERALD_KAFKA_SSL: 'true',
    HERALD_KAFKA_SSL_CA_FILE: caFile,
    HERALD_KAFKA_SASL_MECHANISM: 'scram-sha-512',
    HERALD_KAFKA_SASL_USERNAME: 'herald',
    HERALD_KAFKA_SASL_PASSWORD: password,
    ...overrides,
  });
  const kafkaFor = (environment: Environment) =>
    createKafka(loadConfig(matcherSchema, environment), 'matcher');

  it('connects, bootstraps the topics and carries a message', async () => {
    expect(cluster.protocol).toBe('SASL_SSL');
    const kafka = kafkaFor(env());
    expect(await ensureTopics(kafka, allTopics())).toContain(TOPICS.events);

    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.send({ topic: TOPICS.events, messages: [{ key: 'acme', value: 'over TLS' }] });
    await producer.disconnect();
    const consumer = kafka.consumer({ groupId: 'security-spec', maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPICS.events, fromBeginning: true });
    const value = await new Promise<string>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => resolve(String(message.value)) });
    });
    await consumer.disconnect();
    expect(value).toBe('over TLS');
  });

  it('fails at start-up on a wrong password, naming the settings and not the password', async () => {
    const wrong = `wrong-${randomBytes(6).toString('hex')}`;
    const started = Date.now();
    const failure = await ensureTopics(
      kafkaFor(env({ HERALD_KAFKA_SASL_PASSWORD: wrong })),
      allTopics(),
    ).then(
      () => undefined,
      (error: Error) => error,
    );
    const elapsedMs = Date.now() - started;
    console.log(`a wrong SASL password failed start-up after ${elapsedMs} ms: ${failure?.message}`);
    expect(failure).toBeInstanceOf(KafkaConnectionSettingsError);
    expect(failure!.message).toContain('HERALD_KAFKA_SASL_PASSWORD');
    expect(failure!.message).toContain('SCRAM-SHA-512');
    expect(failure!.message).not.toContain(wrong);
    expect(failure!.message).not.toContain(password);
    expect(elapsedMs).toBeLessThan(15_000);
  });

  it('without the CA file, says the certificate is not trusted and which setting to set', async () => {
    const failure = await ensureTopics(
      kafkaFor(env({ HERALD_KAFKA_SSL_CA_FILE: '' })),
      allTopics(),
    ).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure).toBeInstanceOf(KafkaConnectionSettingsError);
    expect(failure!.message).toMatch(/not trusted \(\w+\): set HERALD_KAFKA_SSL_CA_FILE/);
  });

  it('refuses an unreadable CA file, naming the setting', () => {
    expect(() => kafkaFor(env({ HERALD_KAFKA_SSL_CA_FILE: join(folder, 'missing.pem') }))).toThrow(
      /^HERALD_KAFKA_SSL_CA_FILE: cannot read .*missing\.pem \(ENOENT\)$/,
    );
  });
});
