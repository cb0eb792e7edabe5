import { existsSync } from 'fs';
import { parse, stringify } from 'yaml';
import { ComposeCheckInput, checkCompose } from './compose-check';
import { readWorkspaceFile, workspacePath } from './workspace-files';
import { parseYamlDocument } from './yaml-documents';

const composeText = readWorkspaceFile('docker-compose.yml');
const input: ComposeCheckInput = {
  composeText,
  env: {
    HERALD_ADMIN_TOKEN: 'compose-spec-token',
    HERALD_SECRETS_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  },
  prometheusConfigText: readWorkspaceFile('deploy/prometheus/prometheus.yml'),
  fileExists: (path) => existsSync(workspacePath(path)),
};

/** The parts of the file the mutations below touch. */
interface ComposeDraft {
  services: Record<
    string,
    {
      healthcheck?: Record<string, unknown>;
      depends_on: Record<string, unknown>;
      ports?: string[];
      volumes: string[];
      environment: Record<string, string>;
      [key: string]: unknown;
    }
  >;
  volumes: Record<string, unknown>;
}

/** The committed file with one change applied (anchors resolved first). */
function mutated(change: (compose: ComposeDraft) => void): ComposeCheckInput {
  const compose = parse(composeText, { merge: true }) as ComposeDraft;
  change(compose);
  return { ...input, composeText: stringify(compose, { aliasDuplicateObjects: false }) };
}

describe('docker-compose.yml', () => {
  it('passes the Compose specification schema and the semantic checks', () => {
    expect(checkCompose(input)).toEqual([]);
  });

  it('runs Kafka in KRaft mode from the official image, PostgreSQL, Prometheus and Grafana', () => {
    const { services } = parseYamlDocument(composeText, 'compose') as {
      services: Record<string, { image?: string; environment?: Record<string, string> }>;
    };
    expect(services.kafka.image).toMatch(/^apache\/kafka:/);
    expect(services.kafka.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(services.postgres.image).toMatch(/^postgres:/);
    expect(services.prometheus.image).toMatch(/^prom\/prometheus:/);
    expect(services.grafana.image).toMatch(/^grafana\/grafana:/);
  });

  it('runs the five services from one image, the dispatcher with two replicas', () => {
    const { services } = parse(composeText, { merge: true }) as {
      services: Record<
        string,
        { image?: string; environment?: { SERVICE?: string }; deploy?: { replicas?: number } }
      >;
    };
    const herald = Object.entries(services).filter(([, s]) => s.environment?.SERVICE);
    expect(herald.map(([name]) => name).sort()).toEqual([
      'dispatcher',
      'event-ingest',
      'matcher',
      'retry-scheduler',
      'subscription-api',
    ]);
    expect(new Set(herald.map(([, s]) => s.image)).size).toBe(1);
    expect(services.dispatcher.deploy?.replicas).toBe(2);
  });

  it('refuses to start without the admin token, as docker compose would', () => {
    expect(checkCompose({ ...input, env: {} })).toEqual([
      expect.stringContaining('required variable HERALD_ADMIN_TOKEN is missing a value'),
    ]);
  });

  it.each<[string, (c: ComposeDraft) => void, string]>([
    [
      'an unknown key',
      (c) => (c.services.kafka.healthchek = {}),
      'additional properties (healthchek)',
    ],
    [
      'a bad duration',
      (c) => (c.services.matcher.healthcheck!.interval = 'ten'),
      'format "duration"',
    ],
    [
      'a missing healthcheck',
      (c) => delete c.services.matcher.healthcheck,
      'services.matcher: a long-running service needs a healthcheck',
    ],
    [
      'an unknown dependency',
      (c) => (c.services.matcher.depends_on.redis = { condition: 'service_started' }),
      'unknown service redis',
    ],
    [
      'a clashing host port',
      (c) => (c.services.matcher.ports = ['3000:9102']),
      'host port 3000 is already published',
    ],
    [
      'a published port on replicas',
      (c) => (c.services.dispatcher.ports = ['9103:9103']),
      'cannot be published by 2 replicas',
    ],
    [
      'an undeclared volume',
      (c) => delete c.volumes['kafka-data'],
      'named volume kafka-data is not declared',
    ],
    [
      'a missing mounted file',
      (c) => (c.services.prometheus.volumes[0] = './deploy/nope.yml:/etc/p.yml'),
      './deploy/nope.yml does not exist',
    ],
    [
      'an invalid Herald variable',
      (c) => (c.services.matcher.environment.HERALD_MATCHER_PORT = 'abc'),
      'HERALD_MATCHER_PORT is invalid',
    ],
    [
      'a variable the service does not read',
      (c) => (c.services.matcher.environment.HERALD_API_PORT = '1'),
      'HERALD_API_PORT is not read by matcher',
    ],
    [
      'a health probe on the wrong port',
      (c) => (c.services.matcher.environment.HERALD_MATCHER_PORT = '9999'),
      'does not probe /health on port 9999',
    ],
    [
      'an unknown SERVICE',
      (c) => (c.services.matcher.environment.SERVICE = 'mailer'),
      'SERVICE=mailer is not a Herald service',
    ],
  ])('reports %s', (_, change, message) => {
    expect(checkCompose(mutated(change)).join('\n')).toContain(message);
  });

  it('reports a service Prometheus does not scrape', () => {
    const prometheus = parse(input.prometheusConfigText) as {
      scrape_configs: { job_name: string }[];
    };
    prometheus.scrape_configs = prometheus.scrape_configs.filter((j) => j.job_name !== 'matcher');
    expect(checkCompose({ ...input, prometheusConfigText: stringify(prometheus) })).toEqual([
      'services.matcher: Prometheus does not scrape matcher:9102',
    ]);
  });
});
