import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';

/** prom-client's default process and Node.js metrics, which every service exports prefixed. */
const DEFAULT_METRICS = [
  'process_cpu_user_seconds_total',
  'process_cpu_system_seconds_total',
  'process_cpu_seconds_total',
  'process_start_time_seconds',
  'process_resident_memory_bytes',
  'process_virtual_memory_bytes',
  'process_heap_bytes',
  'process_open_fds',
  'process_max_fds',
  'nodejs_eventloop_lag_seconds',
  'nodejs_eventloop_lag_p99_seconds',
  'nodejs_heap_size_used_bytes',
  'nodejs_heap_size_total_bytes',
  'nodejs_gc_duration_seconds',
].map((name) => `herald_${name}`);

function sourceFiles(dir: string, files: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['node_modules', 'fixtures', 'testing'].includes(entry.name)) sourceFiles(full, files);
    } else if (entry.name.endsWith('.ts') && !/\.(spec|integration-spec)\.ts$/.test(entry.name)) {
      files.push(full);
    }
  }
  return files;
}

/** Every `herald_*` metric name the services define (string literals in apps/ and libs/). */
export function definedMetricNames(root: string): Set<string> {
  const names = new Set(DEFAULT_METRICS);
  names.add('herald_build_info');
  for (const file of [...sourceFiles(join(root, 'apps')), ...sourceFiles(join(root, 'libs'))]) {
    for (const match of readFileSync(file, 'utf8').matchAll(/['"`](herald_[a-z0-9_]+)['"`]/g)) {
      names.add(match[1]);
    }
  }
  return names;
}

/** The `herald_*` series a PromQL expression reads, histogram suffixes removed. */
export function metricsInExpression(expr: string): string[] {
  return [
    ...new Set(
      [...expr.matchAll(/\bherald_[a-z0-9_]+/g)].map((m) =>
        m[0].replace(/_(bucket|sum|count)$/, ''),
      ),
    ),
  ];
}
