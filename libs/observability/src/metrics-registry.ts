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
  // promtool check metrics rejects a gauge named `_total`: drop prom-client's three totals
  // (their per-type gauges, without the suffix, remain; sum them for the total).
  for (const name of ['active_handles_total', 'active_requests_total', 'active_resources_total']) {
    registry.removeSingleMetric(`${METRIC_PREFIX}nodejs_${name}`);
  }
  const buildInfo = new Gauge({
    name: `${METRIC_PREFIX}build_info`,
    help: 'Always 1; labels describe the running build',
    labelNames: ['version', 'node_version'],
    registers: [registry],
  });
  buildInfo.set({ version: build.version, node_version: process.version }, 1);
  return registry;
}
