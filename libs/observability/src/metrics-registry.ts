import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';

export const METRIC_PREFIX = 'herald_';

export interface BuildInfo {
  service: string;
  version: string;
}

/**
 * One registry per service: Node's default process metrics, all prefixed `herald_`,
 * and `herald_build_info` so dashboards can tell which build is running.
 */
export function createMetricsRegistry(build: BuildInfo): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: build.service });
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  const buildInfo = new Gauge({
    name: `${METRIC_PREFIX}build_info`,
    help: 'Always 1; labels describe the running build',
    labelNames: ['version', 'node_version'],
    registers: [registry],
  });
  buildInfo.set({ version: build.version, node_version: process.version }, 1);
  return registry;
}
