import { SERVICE_SCHEMAS, loadConfig } from '@herald/config';
import { READ_BY_RUNTIME, portVariableOf } from './herald-services';
import { ComposeEnvironment, interpolateDeep } from './compose-interpolation';
import { validateComposeSchema } from './compose-schema';
import { YamlObject, parseYamlDocument } from './yaml-documents';

interface ComposeService {
  image?: string;
  build?: unknown;
  restart?: string;
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number | { published?: string | number })[];
  volumes?: (string | { type?: string; source?: string })[];
  depends_on?: string[] | Record<string, { condition: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  deploy?: { replicas?: number } | null;
}

export interface ComposeCheckInput {
  composeText: string;
  /** The shell environment `docker compose` would interpolate from. */
  env: ComposeEnvironment;
  prometheusConfigText: string;
  /** Whether a bind-mounted path (relative to the compose file) exists. */
  fileExists: (relativePath: string) => boolean;
}

/**
 * What `docker compose config` would refuse (the Compose specification's schema, after
 * interpolation) plus what would make the stack fail at run time: missing health checks,
 * unknown dependencies, clashing host ports, missing volumes or files, Herald services whose
 * configuration would not load, and services Prometheus does not scrape.
 */
export function checkCompose(input: ComposeCheckInput): string[] {
  let compose: YamlObject;
  try {
    compose = interpolateDeep(parseYamlDocument(input.composeText, 'compose'), input.env);
  } catch (error) {
    return [(error as Error).message];
  }
  const problems = validateComposeSchema(compose);
  const services = (compose.services ?? {}) as Record<string, ComposeService>;
  const volumes = Object.keys((compose.volumes ?? {}) as object);
  const scrapeTargets = prometheusTargets(input.prometheusConfigText);
  const hostPorts = new Map<string, string>();

  for (const [name, service] of Object.entries(services)) {
    const where = `services.${name}`;
    const oneShot = service.restart === 'no';
    if (!oneShot && (!service.healthcheck?.test || service.healthcheck.disable)) {
      problems.push(`${where}: a long-running service needs a healthcheck`);
    }
    for (const [target, condition] of dependencies(service)) {
      const dependency = services[target];
      if (!dependency) {
        problems.push(`${where}.depends_on: unknown service ${target}`);
      } else if (condition === 'service_healthy' && !dependency.healthcheck?.test) {
        problems.push(`${where}.depends_on: ${target} has no healthcheck to wait for`);
      } else if (condition === 'service_completed_successfully' && dependency.restart !== 'no') {
        problems.push(`${where}.depends_on: ${target} must be a one-shot service (restart: "no")`);
      }
    }
    const replicas = service.deploy?.replicas ?? 1;
    for (const port of publishedPorts(service)) {
      if (replicas > 1)
        problems.push(`${where}.ports: ${port} cannot be published by ${replicas} replicas`);
      const owner = hostPorts.get(port);
      if (owner)
        problems.push(`${where}.ports: host port ${port} is already published by ${owner}`);
      hostPorts.set(port, name);
    }
    for (const volume of service.volumes ?? []) {
      const source = typeof volume === 'string' ? volume.split(':')[0] : (volume.source ?? '');
      if (source.startsWith('.') || source.startsWith('/')) {
        if (!input.fileExists(source)) problems.push(`${where}.volumes: ${source} does not exist`);
      } else if (source && !volumes.includes(source)) {
        problems.push(`${where}.volumes: named volume ${source} is not declared`);
      }
    }
    const env = environmentOf(service);
    if (env.SERVICE !== undefined) {
      problems.push(...checkHeraldService(where, name, env, service, scrapeTargets));
    }
  }
  return problems;
}

function checkHeraldService(
  where: string,
  name: string,
  env: Record<string, string>,
  service: ComposeService,
  scrapeTargets: Set<string>,
): string[] {
  const schema = SERVICE_SCHEMAS[env.SERVICE];
  if (!schema) return [`${where}: SERVICE=${env.SERVICE} is not a Herald service`];
  const problems: string[] = [];
  for (const variable of Object.keys(env)) {
    if (!READ_BY_RUNTIME.has(variable) && !(variable in schema)) {
      problems.push(`${where}.environment: ${variable} is not read by ${env.SERVICE}`);
    }
  }
  let port: number | undefined;
  try {
    const config = loadConfig(schema, env) as Record<string, unknown>;
    const portVariable = portVariableOf(schema);
    port = portVariable ? (config[portVariable] as number) : undefined;
  } catch (error) {
    problems.push(`${where}: ${(error as Error).message}`);
  }
  if (port !== undefined) {
    const test = [service.healthcheck?.test ?? []].flat().join(' ');
    if (!test.includes(`:${port}/health/`)) {
      problems.push(`${where}.healthcheck: does not probe /health on port ${port}`);
    }
    if (!scrapeTargets.has(`${name}:${port}`)) {
      problems.push(`${where}: Prometheus does not scrape ${name}:${port}`);
    }
  }
  return problems;
}

function dependencies(service: ComposeService): [string, string][] {
  const deps = service.depends_on ?? [];
  return Array.isArray(deps)
    ? deps.map((d) => [d, 'service_started'])
    : Object.entries(deps).map(([d, v]) => [d, v.condition]);
}

function publishedPorts(service: ComposeService): string[] {
  return (service.ports ?? []).flatMap((port) => {
    if (typeof port === 'object') return port.published ? [String(port.published)] : [];
    const parts = String(port).split(':');
    // "host:container" or "ip:host:container"; a bare container port publishes nothing fixed.
    return parts.length >= 2 ? [parts[parts.length - 2]] : [];
  });
}

function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => entry.split(/=(.*)/s).slice(0, 2)));
  }
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]),
  );
}

/** `host:port` of every static and DNS-discovered scrape target in a Prometheus config. */
export function prometheusTargets(prometheusConfigText: string): Set<string> {
  const config = parseYamlDocument(prometheusConfigText, 'prometheus.yml') as {
    scrape_configs?: {
      static_configs?: { targets?: string[] }[];
      dns_sd_configs?: { names?: string[]; port?: number }[];
    }[];
  };
  const targets = new Set<string>();
  for (const job of config.scrape_configs ?? []) {
    for (const s of job.static_configs ?? []) for (const t of s.targets ?? []) targets.add(t);
    for (const d of job.dns_sd_configs ?? []) {
      for (const n of d.names ?? []) targets.add(`${n}:${d.port}`);
    }
  }
  return targets;
}
