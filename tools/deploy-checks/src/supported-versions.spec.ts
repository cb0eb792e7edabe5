import { parseDocument } from 'yaml';
import { readWorkspaceFile } from './workspace-files';
import { parseYamlDocuments } from './yaml-documents';

/** The Kafka version the Apache Kafka test tier runs (the only place it is pinned). */
const testedKafka = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(
  readWorkspaceFile('tools', 'apache-kafka', 'pom.xml'),
)![1];

describe('supported versions in the deployment files', () => {
  it('compose runs the Apache Kafka version the test tier runs', () => {
    const compose = parseDocument(readWorkspaceFile('docker-compose.yml')).toJS() as {
      services: { kafka: { image: string } };
    };
    expect(compose.services.kafka.image).toBe(`apache/kafka:${testedKafka}`);
  });

  it('the Strimzi Kafka resource names the same version, in KRaft mode, replicated three times', () => {
    const cluster = parseYamlDocuments(readWorkspaceFile('k8s', 'kafka-cluster.yaml'), 'k8s');
    const kafka = cluster.find((d) => d.kind === 'Kafka') as {
      spec: { kafka: { version: string; config: Record<string, unknown> } };
    };
    expect(kafka.spec.kafka.version).toBe(testedKafka);
    expect(kafka.spec.kafka.config['default.replication.factor']).toBe(3);
    expect(kafka.spec.kafka.config['min.insync.replicas']).toBe(2);
    const pool = cluster.find((d) => d.kind === 'KafkaNodePool') as {
      spec: { replicas: number; roles: string[] };
    };
    expect(pool.spec.replicas).toBe(3);
    expect(pool.spec.roles.sort()).toEqual(['broker', 'controller']);
  });

  it('the image builds on a Node.js LTS line that is still supported (even major, 22 or later)', () => {
    const arg = /ARG NODE_IMAGE=node:(\d+)[-.\w]*/.exec(readWorkspaceFile('Dockerfile'));
    expect(arg).not.toBeNull();
    const major = Number(arg![1]);
    expect(major % 2).toBe(0);
    expect(major).toBeGreaterThanOrEqual(22);
  });
});
