import { EventAction, HeraldEvent, Subscription } from '@herald/contracts';
import { seededRandom } from '@herald/contracts/testing';
import { subscription } from '../src/testing/subscription-fixtures';

export { seededRandom };

/**
 * A synthetic but typical workload. Tenants have about ten subscriptions each. Each tenant
 * produces events of four types from one or two domains of a 48-type catalogue, and subscribes
 * to those: most subscriptions name exact types, some use wildcards (`order.*`, `*.created`,
 * `*`), entity, action and trigger filters, and a quarter carry a payload condition. An event
 * then matches one to a few subscriptions of its tenant, as on a real webhook platform.
 */
export const SUBSCRIPTIONS_PER_TENANT = 10;

const DOMAINS = [
  'order',
  'product',
  'customer',
  'invoice',
  'shipment',
  'stock',
  'payment',
  'return',
];
const VERBS = ['created', 'updated', 'deleted', 'status.changed', 'price.changed', 'note.added'];
const ACTIONS: EventAction[] = ['created', 'updated', 'deleted'];
const TRIGGERS = ['web', 'api', 'import', 'pim', 'admin-ui'];
const CODES = ['P100', 'P200', 'P300', 'P900', 'S10', 'S20'];

/**
 * Tenant `n`'s id. Every id has the same length whatever the tenant count: V8's JSON.parse
 * interns string values of up to 10 characters, which makes a decoded `tenant_0` far cheaper to
 * look up than a decoded `tenant_1234`, so ids of growing length would flatter the small indexes.
 * Twelve characters, like real tenant ids (slugs, UUIDs), are never interned.
 */
export function tenantId(n: number): string {
  return `tenant_${String(n).padStart(5, '0')}`;
}

export function tenantCount(subscriptions: number): number {
  return Math.max(1, Math.ceil(subscriptions / SUBSCRIPTIONS_PER_TENANT));
}

/** The four event types tenant `n` produces (deterministic, so events and subscriptions agree). */
export function tenantTypes(tenant: number): string[] {
  const random = seededRandom(tenant + 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const domains = [pick(DOMAINS), pick(DOMAINS)];
  return [0, 1, 2, 3].map((i) => `${domains[i % 2]}.${pick(VERBS)}`);
}

export function generateSubscriptions(count: number, random: () => number): Subscription[] {
  return [...subscriptionStream(count, random)];
}

/** `generateSubscriptions` one at a time, for workloads too big to hold twice (the rebuild bench). */
export function* subscriptionStream(count: number, random: () => number): Generator<Subscription> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const tenants = tenantCount(count);
  for (let i = 0; i < count; i++) {
    const roll = random();
    const types = tenantTypes(i % tenants);
    const type = pick(types);
    const domain = type.split('.')[0];
    const eventTypes =
      roll < 0.7
        ? [type]
        : roll < 0.8
          ? [type, pick(types)]
          : roll < 0.9
            ? [`${domain}.*`]
            : roll < 0.95
              ? ['*.created']
              : ['*'];
    yield subscription({
      id: `sub_${i}`,
      tenantId: tenantId(i % tenants),
      eventTypes,
      entityType: random() < 0.3 ? domain : null,
      entityId: random() < 0.05 ? `E-${Math.floor(random() * 100)}` : null,
      actions: random() < 0.4 ? [pick(ACTIONS)] : [],
      triggers: random() < 0.2 ? [pick(TRIGGERS)] : [],
      condition: random() < 0.25 ? condition(random) : null,
    });
  }
}

function condition(random: () => number): Record<string, unknown> {
  const pickCode = () => CODES[Math.floor(random() * CODES.length)];
  switch (Math.floor(random() * 5)) {
    case 0:
      return { 'data.code': { $in: [pickCode(), pickCode()] } };
    case 1:
      return { 'data.price.new': { $gte: Math.floor(random() * 200) } };
    case 2:
      return { $or: [{ 'data.code': pickCode() }, { 'data.tags': { $in: ['sale'] } }] };
    case 3:
      return { 'data.description': { $regex: '^price', $options: 'i' } };
    default:
      return { 'data.supplier.country': { $exists: true }, 'data.channels': { $all: ['web'] } };
  }
}

export type TenantTraffic = 'one tenant' | 'zipf' | 'uniform';

/**
 * Which tenant each event belongs to: `one tenant` (every event from the same tenant: isolates
 * the index's own cost from CPU-cache effects), `zipf` (YCSB's default skew 0.99: a few tenants
 * send most events, as on a real multi-tenant platform) or `uniform` (every event from a random
 * tenant: the worst case for caches).
 */
function tenantPicker(tenants: number, traffic: TenantTraffic, random: () => number): () => number {
  if (traffic === 'one tenant') return () => 0;
  if (traffic === 'uniform') return () => Math.floor(random() * tenants);
  const cdf = new Float64Array(tenants);
  let total = 0;
  for (let i = 0; i < tenants; i++) cdf[i] = total += 1 / Math.pow(i + 1, 0.99);
  return () => {
    const target = random() * total;
    let lo = 0;
    let hi = tenants - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export function generateEvents(
  count: number,
  subscriptions: number,
  traffic: TenantTraffic,
  random: () => number,
): HeraldEvent[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const nextTenant = tenantPicker(tenantCount(subscriptions), traffic, random);
  const events: HeraldEvent[] = [];
  for (let i = 0; i < count; i++) {
    const tenant = nextTenant();
    const type = pick(tenantTypes(tenant));
    const entityId = `E-${Math.floor(random() * 100)}`;
    events.push({
      kind: 'herald.event',
      version: 1,
      id: `evt_${i}`,
      tenantId: tenantId(tenant),
      type,
      source: 'urn:bench',
      subject: null,
      time: '2026-11-20T09:15:02.481Z',
      receivedAt: '2026-11-20T09:15:02.513Z',
      entityType: type.split('.')[0],
      entityId,
      action: pick(ACTIONS),
      trigger: pick(TRIGGERS),
      dataContentType: 'application/json',
      data: {
        code: pick(CODES),
        id: entityId,
        description: random() < 0.5 ? 'Price changed' : 'Stock adjusted',
        price: { old: 120, new: Math.floor(random() * 200), currency: 'EUR' },
        channels: random() < 0.5 ? ['web', 'store'] : ['store'],
        tags: random() < 0.3 ? ['sale'] : [],
        supplier: random() < 0.5 ? { id: 'SUP-7', country: 'PT' } : undefined,
      },
    });
  }
  return events;
}
