import { createRequire } from 'module';
import { join } from 'path';
import { WORKSPACE_ROOT } from './workspace-files';

/**
 * The Kubernetes and Prometheus Operator schemas come from the npm packages `kubernetes-models`
 * and `@kubernetes-models/prometheus-operator` (validators generated from the Kubernetes
 * OpenAPI document and the operator's CRDs). Those packages are ES modules, loaded here by file
 * so plain Node (20.19+) can require them; Jest's module system cannot, which is why specs run
 * the schema check as a child process (k8s-schema-check.cli.ts).
 */
const MODEL_FILES: Readonly<Record<string, string>> = {
  'v1/Namespace': 'kubernetes-models/v1/Namespace.js',
  'v1/ConfigMap': 'kubernetes-models/v1/ConfigMap.js',
  'v1/Secret': 'kubernetes-models/v1/Secret.js',
  'v1/Service': 'kubernetes-models/v1/Service.js',
  'apps/v1/Deployment': 'kubernetes-models/apps/v1/Deployment.js',
  'batch/v1/Job': 'kubernetes-models/batch/v1/Job.js',
  'policy/v1/PodDisruptionBudget': 'kubernetes-models/policy/v1/PodDisruptionBudget.js',
  'autoscaling/v2/HorizontalPodAutoscaler':
    'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler.js',
  'monitoring.coreos.com/v1/ServiceMonitor':
    '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor.js',
  'monitoring.coreos.com/v1/PrometheusRule':
    '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule.js',
};

interface Model {
  validate(): void;
}
type ModelClass = new (data: object) => Model;

const load = createRequire(__filename);

/** Whether a schema from the packages covers this apiVersion and kind. */
export function hasModel(apiVersion: string, kind: string): boolean {
  return `${apiVersion}/${kind}` in MODEL_FILES;
}

/** Schema violations of one manifest ([] when valid), each naming the field. */
export function validateWithModel(manifest: { apiVersion: string; kind: string }): string[] {
  const file = MODEL_FILES[`${manifest.apiVersion}/${manifest.kind}`];
  if (!file) return [`no schema for ${manifest.apiVersion} ${manifest.kind}`];
  const module = load(join(WORKSPACE_ROOT, 'node_modules', file)) as Record<string, ModelClass>;
  try {
    new module[manifest.kind](manifest).validate();
    return [];
  } catch (error) {
    return (error as Error).message.split(/,\s*(?=data)/).map((m) => m.replace(/^data/, ''));
  }
}
