import { SERVICE_SCHEMAS, Schema, loadConfig } from '@herald/config';
import { RETRY_TOPIC_PREFIX, TOPICS, TopicSpec, allTopics } from '@herald/contracts';
import { READ_BY_RUNTIME, portVariableOf } from './herald-services';
import { YamlObject } from './yaml-documents';

/* The fields of the manifests these checks read. */
interface Labels {
  [key: string]: string;
}
interface Probe {
  httpGet?: { path?: string; port?: string | number };
}
interface Container {
  name: string;
  env?: { name: string; value?: string }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name?: string; containerPort: number }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { drop?: string[] };
    seccompProfile?: { type?: string };
  };
}
interface PodSpec {
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsNonRoot?: boolean; seccompProfile?: { type?: string } };
  containers: Container[];
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Labels };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

/** The topic whose partitions bound each consuming service's useful replica count. */
export const CONSUMED_TOPIC: Readonly<Record<string, (topic: TopicSpec) => boolean>> = {
  'event-ingest': (t) => t.name === TOPICS.eventsInbound,
  matcher: (t) => t.name === TOPICS.events,
  dispatcher: (t) => t.name === TOPICS.deliveries,
  'retry-scheduler': (t) => t.name.startsWith(RETRY_TOPIC_PREFIX),
};

const selects = (selector: Labels | undefined, labels: Labels | undefined) =>
  !!selector &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([key, value]) => labels?.[key] === value);

/**
 * What the schemas cannot see: every Deployment is a Herald service whose configuration loads
 * from its ConfigMap, Secrets and env; has probes on /health, resources and a restricted
 * security context; and has a Service, a PodDisruptionBudget, an HPA (no more replicas than
 * the partitions it consumes) and a ServiceMonitor that scrapes it. Secrets hold exactly the
 * sensitive variables.
 */
export function checkK8sManifests(docs: YamlObject[]): string[] {
  const manifests = docs as unknown as Manifest[];
  const ofKind = (kind: string) => manifests.filter((m) => m.kind === kind);
  const byName = (kind: string, name: string) =>
    manifests.find((m) => m.kind === kind && m.metadata.name === name);
  const problems: string[] = [];
  const sensitive = new Set(
    Object.values(SERVICE_SCHEMAS).flatMap((schema) =>
      Object.entries(schema)
        .filter(([, v]) => v.sensitive)
        .map(([name]) => name),
    ),
  );
  const known = new Set(Object.values(SERVICE_SCHEMAS).flatMap((s) => Object.keys(s)));

  for (const configMap of ofKind('ConfigMap')) {
    for (const key of Object.keys(configMap.data ?? {})) {
      if (!known.has(key))
        problems.push(`ConfigMap ${configMap.metadata.name}: ${key} is read by no service`);
      if (sensitive.has(key))
        problems.push(
          `ConfigMap ${configMap.metadata.name}: ${key} is sensitive, put it in a Secret`,
        );
    }
  }
  for (const secret of ofKind('Secret')) {
    for (const key of Object.keys({ ...secret.data, ...secret.stringData })) {
      if (!sensitive.has(key))
        problems.push(`Secret ${secret.metadata.name}: ${key} is not a sensitive variable`);
    }
  }

  for (const deployment of ofKind('Deployment')) {
    const name = deployment.metadata.name;
    const where = `Deployment ${name}`;
    const spec = deployment.spec as {
      replicas?: number;
      selector: { matchLabels?: Labels };
      template: { metadata: { labels?: Labels }; spec: PodSpec };
    };
    const pod = spec.template.spec;
    const podLabels = spec.template.metadata.labels;
    if (!selects(spec.selector.matchLabels, podLabels))
      problems.push(`${where}: selector does not match its pod labels`);
    if (pod.securityContext?.runAsNonRoot !== true)
      problems.push(`${where}: pod must set runAsNonRoot: true`);
    const container = pod.containers[0];
    problems.push(...checkContainer(where, container, pod));

    const schema = SERVICE_SCHEMAS[name];
    if (!schema) {
      problems.push(`${where}: not a Herald service (${Object.keys(SERVICE_SCHEMAS).join(', ')})`);
      continue;
    }
    const env = environmentOf(container, manifests);
    if (env.SERVICE !== name)
      problems.push(`${where}: SERVICE must be ${name}, got ${env.SERVICE}`);
    problems.push(...checkConfig(where, schema, env, container, pod));

    const service = ofKind('Service').find((s) =>
      selects((s.spec as { selector?: Labels }).selector, podLabels),
    );
    if (!service) {
      problems.push(`${where}: no Service selects its pods`);
    } else {
      const port = (
        service.spec as { ports?: { name?: string; targetPort?: string | number }[] }
      ).ports?.find((p) => p.name === 'http');
      if (!port || !containerPort(container, port.targetPort))
        problems.push(
          `Service ${service.metadata.name}: port http must target the container's port`,
        );
      const monitors = ofKind('ServiceMonitor').filter((m) =>
        selects(
          (m.spec as { selector: { matchLabels?: Labels } }).selector.matchLabels,
          service.metadata.labels,
        ),
      );
      const scraped = monitors.some((m) => {
        const monitor = m.spec as {
          jobLabel?: string;
          endpoints: { port?: string; path?: string }[];
        };
        const job = monitor.jobLabel
          ? service.metadata.labels?.[monitor.jobLabel]
          : service.metadata.name;
        return (
          job === name && monitor.endpoints.some((e) => e.port === 'http' && e.path === '/metrics')
        );
      });
      if (!scraped)
        problems.push(
          `${where}: no ServiceMonitor scrapes /metrics on port http with job="${name}"`,
        );
    }
    const pdb = ofKind('PodDisruptionBudget').find((p) =>
      selects((p.spec as { selector: { matchLabels?: Labels } }).selector.matchLabels, podLabels),
    );
    if (!pdb) problems.push(`${where}: no PodDisruptionBudget selects its pods`);
    const hpa = ofKind('HorizontalPodAutoscaler').find(
      (h) =>
        (h.spec as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef.name === name,
    );
    if (!hpa) {
      problems.push(`${where}: no HorizontalPodAutoscaler scales it`);
    } else {
      const { minReplicas = 1, maxReplicas } = hpa.spec as {
        minReplicas?: number;
        maxReplicas: number;
      };
      if (minReplicas < 2)
        problems.push(
          `HorizontalPodAutoscaler ${name}: minReplicas below 2 leaves no instance during a disruption`,
        );
      const consumed = CONSUMED_TOPIC[name];
      const partitions = consumed
        ? Math.min(
            ...allTopics()
              .filter(consumed)
              .map((t) => t.partitions),
          )
        : undefined;
      if (partitions !== undefined && maxReplicas > partitions) {
        problems.push(
          `HorizontalPodAutoscaler ${name}: maxReplicas ${maxReplicas} exceeds the ${partitions} partitions it consumes`,
        );
      }
    }
  }
  for (const name of Object.keys(SERVICE_SCHEMAS)) {
    if (!byName('Deployment', name)) problems.push(`no Deployment for ${name}`);
  }
  return problems;
}

function checkContainer(where: string, container: Container, pod: PodSpec): string[] {
  const problems: string[] = [];
  for (const [probe, path] of [
    ['readinessProbe', '/health/ready'],
    ['livenessProbe', '/health/live'],
  ] as const) {
    const get = container[probe]?.httpGet;
    if (get?.path !== path || !containerPort(container, get.port)) {
      problems.push(`${where}: ${probe} must GET ${path} on the container's port`);
    }
  }
  const { requests, limits } = container.resources ?? {};
  if (!requests?.cpu || !requests.memory)
    problems.push(`${where}: resources.requests needs cpu and memory`);
  if (!limits?.memory) problems.push(`${where}: resources.limits needs memory`);
  const security = container.securityContext;
  if (security?.allowPrivilegeEscalation !== false)
    problems.push(`${where}: allowPrivilegeEscalation must be false`);
  if (security?.readOnlyRootFilesystem !== true)
    problems.push(`${where}: readOnlyRootFilesystem must be true`);
  if (!security?.capabilities?.drop?.includes('ALL'))
    problems.push(`${where}: capabilities must drop ALL`);
  const seccomp = security?.seccompProfile?.type ?? pod.securityContext?.seccompProfile?.type;
  if (seccomp !== 'RuntimeDefault')
    problems.push(`${where}: seccompProfile must be RuntimeDefault`);
  return problems;
}

function checkConfig(
  where: string,
  schema: Schema,
  env: Record<string, string>,
  container: Container,
  pod: PodSpec,
): string[] {
  const problems: string[] = [];
  for (const variable of container.env ?? []) {
    if (!READ_BY_RUNTIME.has(variable.name) && !(variable.name in schema)) {
      problems.push(`${where}: ${variable.name} is not read by this service`);
    }
  }
  try {
    const config = loadConfig(schema, env) as Record<string, unknown>;
    const portVariable = portVariableOf(schema);
    const port = portVariable ? (config[portVariable] as number) : undefined;
    if (port !== undefined && !containerPort(container, port)) {
      problems.push(`${where}: ${portVariable}=${port} is not a container port`);
    }
    const shutdownMs = config.HERALD_SHUTDOWN_TIMEOUT_MS as number;
    if ((pod.terminationGracePeriodSeconds ?? 30) * 1000 <= shutdownMs) {
      problems.push(
        `${where}: terminationGracePeriodSeconds must exceed HERALD_SHUTDOWN_TIMEOUT_MS`,
      );
    }
  } catch (error) {
    problems.push(`${where}: ${(error as Error).message}`);
  }
  return problems;
}

/** The environment a container gets: envFrom ConfigMaps and Secrets, then env. */
function environmentOf(container: Container, manifests: Manifest[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    const [kind, name] = from.configMapRef
      ? ['ConfigMap', from.configMapRef.name]
      : ['Secret', from.secretRef?.name];
    const source = manifests.find((m) => m.kind === kind && m.metadata.name === name);
    if (!source) continue;
    // A Secret's data is base64; stringData (and a ConfigMap's data) is plain text.
    const data = Object.entries(source.data ?? {}).map(([key, value]) => [
      key,
      kind === 'Secret' ? Buffer.from(value, 'base64').toString('utf8') : value,
    ]);
    Object.assign(env, Object.fromEntries(data), source.stringData);
  }
  for (const variable of container.env ?? []) env[variable.name] = variable.value ?? '';
  return env;
}

function containerPort(container: Container, port: string | number | undefined): boolean {
  return (container.ports ?? []).some((p) => p.name === port || p.containerPort === Number(port));
}
