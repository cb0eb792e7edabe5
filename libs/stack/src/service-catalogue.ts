import { join } from 'path';

export interface ServiceEntry {
  name: string;
  entry: string;
  portVariable: string;
  port: number;
  /**
   * V8 old-space budget (`--max-old-space-size`). Left alone, V8 sizes the heap from the
   * machine's memory and collects lazily, so RSS grows far past what a service needs; in a
   * container Node sizes it from the memory limit instead (k8s/).
   */
  heapMb: number;
  /** Opens or seals signing secrets, so it gets `HERALD_SECRETS_KEYS`. */
  readsSigningSecrets?: boolean;
}

/** True when running from `dist/` (npm start, bench): services then run compiled, too. */
export const RUNNING_COMPILED = __filename.endsWith('.js');

/** This file is libs/stack/src/ (or dist/libs/stack/src/ when compiled). */
export const WORKSPACE_ROOT = RUNNING_COMPILED
  ? join(__dirname, '..', '..', '..', '..')
  : join(__dirname, '..', '..', '..');

/** The node arguments that start a service: compiled JS from dist/, or TypeScript via SWC. */
export function serviceCommand(
  service: ServiceEntry,
  nodeArgs: readonly string[] = [],
): string[] {
  const flags = [`--max-old-space-size=${service.heapMb}`, ...nodeArgs];
  return RUNNING_COMPILED
    ? [...flags, join(WORKSPACE_ROOT, 'dist', service.entry.replace(/\.ts$/, '.js'))]
    : [...flags, join(WORKSPACE_ROOT, 'scripts', 'run-ts.cjs'), service.entry];
}

/** The five services in start order, with their default ports. */
export const SERVICES: readonly ServiceEntry[] = [
  {
    name: 'subscription-api',
    entry: 'apps/subscription-api/src/main.ts',
    portVariable: 'HERALD_API_PORT',
    port: 3000,
    heapMb: 128,
    readsSigningSecrets: true,
  },
  {
    name: 'event-ingest',
    entry: 'apps/event-ingest/src/main.ts',
    portVariable: 'HERALD_INGEST_PORT',
    port: 9101,
    heapMb: 128,
  },
  {
    name: 'matcher',
    entry: 'apps/matcher/src/main.ts',
    portVariable: 'HERALD_MATCHER_PORT',
    port: 9102,
    heapMb: 256, // the subscription index grows with the subscriptions
  },
  {
    name: 'dispatcher',
    entry: 'apps/dispatcher/src/main.ts',
    portVariable: 'HERALD_DISPATCHER_PORT',
    port: 9103,
    heapMb: 128,
    readsSigningSecrets: true,
  },
  {
    name: 'retry-scheduler',
    entry: 'apps/retry-scheduler/src/main.ts',
    portVariable: 'HERALD_RETRY_SCHEDULER_PORT',
    port: 9104,
    heapMb: 96,
  },
];

/**
 * The port a service listens on: a free one, the one named by its port variable, or its default.
 */
export function portOf(
  service: ServiceEntry,
  ports: 'defaults' | 'free' | Readonly<Record<string, number>> | undefined,
): number | 'free' {
  if (ports === 'free') return 'free';
  if (typeof ports === 'object') return ports[service.portVariable] ?? service.port;
  return service.port;
}
