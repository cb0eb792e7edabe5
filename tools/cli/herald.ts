import { cliSchema, loadConfig } from '@herald/config';
import { ApiClient, ApiError } from './api-client';
import { Options, parseCommandLine } from './command-line';
import { produceCloudEvent } from './cloudevent-producer';
import { runWalkthrough } from './walkthrough';

const USAGE = `herald: operate a Herald platform from the command line

  npm run herald -- <command> [options]

  tenant create --name NAME                 (admin token) create a tenant
  key create --tenant ID [--name NAME] [--scope read-only|ingest-only|manage] [--expires-at ISO]
                                            (admin token) create a tenant API key, shown once
  key list --tenant ID                      (admin token) a tenant's keys: name, scope, expiry, status
  key revoke ID                             (admin token) revoke a key (other API instances
                                            refuse it within HERALD_API_KEY_CACHE_MS)
  event-type create --name N [--code C] [--visibility tenant|public] [--description D]
        a tenant's own type (API key), or with --visibility public the operator's (admin token)
  subscription create --url URL --event-types a.*,b [--entity-type T] [--entity-id I]
        [--actions created,updated] [--triggers rest,import] [--condition JSON]
        [--success-body JSON] [--retry-delays 0s,1s,5s] [--max-attempts N]
  subscription list | get ID | activate ID | stats ID
  produce --type T [--tenant ID] [--entity-type T] [--entity-id I] [--action A] [--trigger T] [--data JSON]
        produce a CloudEvent to Kafka (herald.events.inbound), as a platform team would
  send --type T ...                         the same through POST /v1/events
  deliveries [--subscription ID] [--status S] [--follow]
  dead-letters [--subscription ID]
  redrive [--subscription ID]               re-enqueue dead letters
  portal [--tenant ID] [--read-only] [--expires-in SECONDS] [--subscriptions a,b]
        print a tenant portal link (admin token with --tenant, else the API key's tenant)
  portal revoke ID                          end a portal session at once
  walkthrough                               the README walkthrough, end to end, against npm start

Environment: HERALD_API_URL, HERALD_ADMIN_TOKEN, HERALD_API_KEY, HERALD_KAFKA_BROKERS.`;

function csv(value: unknown): string[] | undefined {
  return typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : undefined;
}

function json(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : undefined;
}

function print(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

function eventAttributes(o: Options) {
  return {
    type: String(o.type),
    source: String(o.source ?? '/herald-cli'),
    tenantid: o.tenant as string | undefined,
    entitytype: o['entity-type'] as string | undefined,
    entityid: o['entity-id'] as string | undefined,
    action: o.action as 'created' | 'updated' | 'deleted' | undefined,
    trigger: o.trigger as string | undefined,
    data: json(o.data) ?? {},
  };
}

export function subscriptionBody(o: Options): Record<string, unknown> {
  const body: Record<string, unknown> = { url: o.url, eventTypes: csv(o['event-types']) ?? ['*'] };
  if (o['entity-type']) body.entityType = o['entity-type'];
  if (o['entity-id']) body.entityId = o['entity-id'];
  if (o.actions) body.actions = csv(o.actions);
  if (o.triggers) body.triggers = csv(o.triggers);
  if (o.condition) body.condition = json(o.condition);
  if (o['success-body']) body.successRule = { statuses: ['2xx'], body: json(o['success-body']) };
  if (o['retry-delays'] || o['max-attempts']) {
    const delays = csv(o['retry-delays']) ?? ['0s', '5s', '1m'];
    body.retryPolicy = { delays, maxAttempts: Number(o['max-attempts'] ?? delays.length) };
  }
  return body;
}

export function portalSessionBody(o: Options): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (typeof o.tenant === 'string') body.tenantId = o.tenant;
  if (o['read-only'] === true) body.readOnly = true;
  if (typeof o['expires-in'] === 'string') body.expiresIn = Number(o['expires-in']);
  const subscriptions = csv(o.subscriptions);
  if (subscriptions) body.subscriptionIds = subscriptions;
  return body;
}

async function main(): Promise<void> {
  const { positionals, values: o } = parseCommandLine(process.argv.slice(2));
  const [command, sub, id] = positionals;
  if (!command || o.help) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig(cliSchema);
  const admin = new ApiClient(config.HERALD_API_URL, config.HERALD_ADMIN_TOKEN);
  const tenant = new ApiClient(config.HERALD_API_URL, config.HERALD_API_KEY);
  const query = (params: Record<string, unknown>) =>
    new URLSearchParams(
      Object.entries(params).filter(([, v]) => typeof v === 'string') as [string, string][],
    ).toString();

  switch (`${command} ${sub ?? ''}`.trim()) {
    case 'tenant create':
      return print(await admin.call('POST', '/v1/tenants', { name: o.name }));
    case 'key create':
      return print(
        await admin.call('POST', `/v1/tenants/${o.tenant}/api-keys`, {
          name: o.name ?? 'cli',
          ...(typeof o.scope === 'string' ? { scope: o.scope } : {}),
          ...(typeof o['expires-at'] === 'string' ? { expiresAt: o['expires-at'] } : {}),
        }),
      );
    case 'key list':
      return print(await admin.call('GET', `/v1/tenants/${o.tenant}/api-keys`));
    case 'key revoke':
      return print(await admin.call('DELETE', `/v1/api-keys/${id}`));
    case 'event-type create': {
      const body = { name: o.name, description: o.description, code: o.code };
      // Public (broadcast) types are the operator's: created with the admin token.
      return print(
        o.visibility === 'public'
          ? await admin.call('POST', '/v1/public-event-types', body)
          : await tenant.call('POST', '/v1/event-types', body),
      );
    }
    case 'subscription create':
      return print(await tenant.call('POST', '/v1/subscriptions', subscriptionBody(o)));
    case 'subscription list':
      return print(await tenant.call('GET', '/v1/subscriptions'));
    case 'subscription get':
      return print(await tenant.call('GET', `/v1/subscriptions/${id}`));
    case 'subscription activate':
      return print(await tenant.call('POST', `/v1/subscriptions/${id}/activate`));
    case 'subscription stats':
      return print(await tenant.call('GET', `/v1/subscriptions/${id}/stats`));
    case 'produce':
      return print(await produceCloudEvent(config.HERALD_KAFKA_BROKERS, eventAttributes(o)));
    case 'send': {
      const { tenantid: _ignored, ...attributes } = eventAttributes(o);
      return print(
        await tenant.call('POST', '/v1/events', {
          specversion: '1.0',
          id: crypto.randomUUID(),
          ...attributes,
        }),
      );
    }
    case 'deliveries': {
      const path = `/v1/deliveries?${query({ subscriptionId: o.subscription, status: o.status })}`;
      if (!o.follow) return print(await tenant.call('GET', path));
      const seen = new Set<string>();
      for (;;) {
        const page = await tenant.call<{ items?: { id: string; status: string }[] }>('GET', path);
        for (const d of page.items ?? []) {
          const key = `${d.id}:${d.status}`;
          if (!seen.has(key)) console.log(JSON.stringify(d));
          seen.add(key);
        }
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
    case 'dead-letters':
      return print(
        await tenant.call('GET', `/v1/dead-letters?${query({ subscriptionId: o.subscription })}`),
      );
    case 'redrive':
      return print(
        await tenant.call(
          'POST',
          '/v1/dead-letters/redrive',
          o.subscription ? { subscriptionId: o.subscription } : {},
        ),
      );
    case 'portal': {
      const body = portalSessionBody(o);
      const as = body.tenantId ? admin : tenant;
      const session = await as.call<{ url: string; expiresAt: string }>(
        'POST',
        '/v1/portal-sessions',
        body,
      );
      console.log(session.url);
      console.log(
        `(valid until ${session.expiresAt}; the token is in the link: share it privately)`,
      );
      return;
    }
    case 'portal revoke': {
      const as = config.HERALD_ADMIN_TOKEN ? admin : tenant;
      return print(await as.call('DELETE', `/v1/portal-sessions/${id}`));
    }
    case 'walkthrough':
      return runWalkthrough(config, admin);
    default:
      console.error(`unknown command "${positionals.join(' ')}"\n\n${USAGE}`);
      process.exitCode = 2;
  }
}

main().catch((error: Error) => {
  console.error(error instanceof ApiError ? `${error.message}` : error.message);
  process.exit(1);
});
