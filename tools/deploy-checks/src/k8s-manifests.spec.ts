import { execFile } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { stringify } from 'yaml';
import { ManifestReport } from './k8s-schema-check';
import { checkK8sManifests } from './k8s-semantic-check';
import { WORKSPACE_ROOT, k8sManifestFiles, readWorkspaceFile } from './workspace-files';
import { YamlObject, parseYamlDocument, parseYamlDocuments } from './yaml-documents';

const run = promisify(execFile);

/** The schema check runs in plain Node: the schema packages are ES modules Jest cannot load. */
async function schemaCheck(files: string[]): Promise<{ code: number; reports: ManifestReport[] }> {
  const args = ['scripts/run-ts.cjs', 'tools/deploy-checks/src/k8s-schema-check.cli.ts', ...files];
  try {
    const { stdout } = await run(process.execPath, args, { cwd: WORKSPACE_ROOT });
    return { code: 0, reports: JSON.parse(stdout) as ManifestReport[] };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    if (!failed.stdout) throw new Error(`schema check crashed: ${failed.stderr}`);
    return { code: failed.code, reports: JSON.parse(failed.stdout) as ManifestReport[] };
  }
}

const loadAll = (): YamlObject[] =>
  k8sManifestFiles().flatMap((file) => parseYamlDocuments(readWorkspaceFile(file), file));

describe('k8s manifests', () => {
  it('every manifest is valid against the Kubernetes, Prometheus Operator and Strimzi schemas', async () => {
    const { code, reports } = await schemaCheck([]);
    expect(reports.filter((r) => r.errors.length > 0)).toEqual([]);
    expect(code).toBe(0);
    const kinds = new Set(reports.map((r) => r.kind));
    for (const kind of [
      'Deployment',
      'Service',
      'ConfigMap',
      'Secret',
      'PodDisruptionBudget',
      'HorizontalPodAutoscaler',
      'KafkaTopic',
      'ServiceMonitor',
      'PrometheusRule',
      'Job',
    ]) {
      expect(kinds).toContain(kind);
    }
  });

  it('the schema check reports invalid manifests, naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-k8s-'));
    try {
      const file = join(dir, 'broken.yaml');
      const deployment = parseYamlDocuments(readWorkspaceFile('k8s/matcher.yaml'), 'matcher')[0];
      (deployment.spec as { replicas: unknown }).replicas = 'two';
      writeFileSync(
        file,
        [
          stringify(deployment),
          stringify({
            apiVersion: 'kafka.strimzi.io/v1beta2',
            kind: 'KafkaTopic',
            metadata: { name: 'herald.events', labels: {} },
            spec: { partitions: 0, replicas: 3 },
          }),
          stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }),
        ].join('---\n'),
      );
      const { code, reports } = await schemaCheck([file]);
      expect(code).toBe(1);
      expect(reports.map((r) => r.errors)).toEqual([
        ['/spec/replicas must be integer'],
        [
          "/metadata/labels must have required property 'strimzi.io/cluster'",
          '/spec/partitions must be >= 1',
        ],
        ['no schema for v1 Pod'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes the semantic checks (config loads, probes, security, Service, PDB, HPA, monitoring)', () => {
    expect(checkK8sManifests(loadAll())).toEqual([]);
  });

  /** The committed manifests with one field of the named object set (undefined removes it). */
  function mutated(kind: string, name: string, path: string, value: unknown): YamlObject[] {
    const docs = loadAll();
    let target: unknown = docs.find(
      (d) => d.kind === kind && (d.metadata as { name: string }).name === name,
    );
    const keys = path.split('.');
    for (const key of keys.slice(0, -1)) target = (target as Record<string, unknown>)[key];
    const last = keys[keys.length - 1];
    if (value !== undefined) (target as Record<string, unknown>)[last] = value;
    else if (Array.isArray(target)) target.splice(Number(last), 1);
    else delete (target as Record<string, unknown>)[last];
    return docs;
  }
  const container = 'spec.template.spec.containers.0';

  it.each<[string, string, string, string, unknown, string]>([
    [
      'no readiness probe',
      'Deployment',
      'matcher',
      `${container}.readinessProbe`,
      undefined,
      'readinessProbe must GET /health/ready',
    ],
    [
      'a liveness probe on another port',
      'Deployment',
      'matcher',
      `${container}.livenessProbe.httpGet.port`,
      8080,
      'livenessProbe must GET /health/live',
    ],
    [
      'no memory limit',
      'Deployment',
      'dispatcher',
      `${container}.resources.limits`,
      undefined,
      'resources.limits needs memory',
    ],
    [
      'a writable root filesystem',
      'Deployment',
      'dispatcher',
      `${container}.securityContext.readOnlyRootFilesystem`,
      false,
      'readOnlyRootFilesystem must be true',
    ],
    [
      'root allowed',
      'Deployment',
      'event-ingest',
      'spec.template.spec.securityContext.runAsNonRoot',
      undefined,
      'runAsNonRoot',
    ],
    [
      'a port variable that is not the container port',
      'Deployment',
      'matcher',
      `${container}.env.1.value`,
      '9999',
      'HERALD_MATCHER_PORT=9999 is not a container port',
    ],
    [
      'a wrong SERVICE',
      'Deployment',
      'matcher',
      `${container}.env.0.value`,
      'dispatcher',
      'SERVICE must be matcher',
    ],
    [
      'a missing Secret',
      'Deployment',
      'subscription-api',
      `${container}.envFrom.2`,
      undefined,
      'HERALD_ADMIN_TOKEN is required',
    ],
    [
      'an invalid configuration value',
      'ConfigMap',
      'herald-config',
      'data.HERALD_LOG_LEVEL',
      'loud',
      'HERALD_LOG_LEVEL is invalid',
    ],
    [
      'a secret in the ConfigMap',
      'ConfigMap',
      'herald-config',
      'data.DATABASE_URL',
      'postgres://x@y/z',
      'DATABASE_URL is sensitive',
    ],
    [
      'an unknown variable',
      'ConfigMap',
      'herald-config',
      'data.HERALD_TYPO',
      '1',
      'HERALD_TYPO is read by no service',
    ],
    [
      'a Service selecting nothing',
      'Service',
      'matcher',
      'spec.selector',
      { 'app.kubernetes.io/component': 'x' },
      'Deployment matcher: no Service selects its pods',
    ],
    [
      'a PDB selecting nothing',
      'PodDisruptionBudget',
      'retry-scheduler',
      'spec.selector.matchLabels',
      { x: 'y' },
      'no PodDisruptionBudget',
    ],
    [
      'an HPA beyond the partitions',
      'HorizontalPodAutoscaler',
      'dispatcher',
      'spec.maxReplicas',
      13,
      'maxReplicas 13 exceeds the 12 partitions',
    ],
    [
      'an HPA with one replica',
      'HorizontalPodAutoscaler',
      'matcher',
      'spec.minReplicas',
      1,
      'minReplicas below 2',
    ],
    [
      'a ServiceMonitor on another port',
      'ServiceMonitor',
      'herald',
      'spec.endpoints.0.port',
      'metrics',
      'no ServiceMonitor scrapes',
    ],
  ])('reports %s', (_, kind, name, path, value, message) => {
    expect(checkK8sManifests(mutated(kind, name, path, value)).join('\n')).toContain(message);
  });

  it('kustomization.yaml lists every manifest but the migration Job and the example Secrets', () => {
    const kustomization = parseYamlDocument(readWorkspaceFile('k8s/kustomization.yaml'), 'k');
    const expected = k8sManifestFiles()
      .map((f) => f.replace(/^k8s\//, ''))
      .filter((f) => !['migrate-job.yaml', 'secrets.example.yaml'].includes(f));
    expect([...(kustomization.resources as string[])].sort()).toEqual(expected);
    expect(readFileSync(join(WORKSPACE_ROOT, 'k8s', 'migrate-job.yaml'), 'utf8')).toContain(
      'dist/libs/persistence/src/cli.js',
    );
  });
});
