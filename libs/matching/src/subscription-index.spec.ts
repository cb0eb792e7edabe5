import { HeraldEvent, Subscription } from '@herald/contracts';
import { EVENTS, EventName } from './testing/event-fixtures';
import { subscription } from './testing/subscription-fixtures';
import { InvalidCondition } from './condition/condition';
import { InvalidEventTypePattern } from './event-type-pattern';
import { SubscriptionIndex } from './subscription-index';

type Row = [
  description: string,
  filters: Partial<Subscription>,
  event: EventName,
  matches: boolean,
];

const ROWS: Row[] = [
  // event type: exact and wildcards
  ['exact type', { eventTypes: ['product.price.changed'] }, 'productPriceChanged', true],
  ['exact type, other type', { eventTypes: ['product.created'] }, 'productPriceChanged', false],
  ['trailing * spans one segment', { eventTypes: ['order.*'] }, 'orderCreated', true],
  ['trailing * spans several segments', { eventTypes: ['order.*'] }, 'orderItemShipped', true],
  [
    'trailing * needs at least one segment',
    { eventTypes: ['order.created.*'] },
    'orderCreated',
    false,
  ],
  ['leading * matches the suffix', { eventTypes: ['*.shipped'] }, 'orderItemShipped', true],
  ['leading * with another suffix', { eventTypes: ['*.deleted'] }, 'orderCreated', false],
  [
    'middle * is whole segments',
    { eventTypes: ['product.*.changed'] },
    'productPriceChanged',
    true,
  ],
  ['middle * needs a segment', { eventTypes: ['product.*.created'] }, 'productCreated', false],
  ['* does not cross tenants', { eventTypes: ['*'] }, 'customerUpdatedGlobex', false],
  ['* matches every type of the tenant', { eventTypes: ['*'] }, 'productDeleted', true],
  ['a literal prefix is not a wildcard', { eventTypes: ['order'] }, 'orderCreated', false],
  [
    'any of several patterns',
    { eventTypes: ['invoice.*', 'product.deleted'] },
    'productDeleted',
    true,
  ],
  [
    'none of several patterns',
    { eventTypes: ['invoice.*', 'product.created'] },
    'productDeleted',
    false,
  ],
  // visibility
  [
    'tenant event, other tenant',
    { tenantId: 'globex', eventTypes: ['order.*'] },
    'orderCreated',
    false,
  ],
  [
    'tenant event, own tenant',
    { tenantId: 'globex', eventTypes: ['customer.*'] },
    'customerUpdatedGlobex',
    true,
  ],
  [
    'public event reaches tenant acme',
    { eventTypes: ['catalog.currency.rates-updated'] },
    'currencyRatesPublic',
    true,
  ],
  [
    'public event reaches tenant globex',
    { tenantId: 'globex', eventTypes: ['catalog.*'] },
    'currencyRatesPublic',
    true,
  ],
  ['public event, other type', { eventTypes: ['catalog.product.*'] }, 'currencyRatesPublic', false],
  // entity type and id
  ['whole entity type', { entityType: 'product' }, 'productCreated', true],
  ['whole entity type, other entity', { entityType: 'order' }, 'productCreated', false],
  ['one entity id', { entityType: 'product', entityId: 'SKU-1001' }, 'productPriceChanged', true],
  [
    'one entity id, other id',
    { entityType: 'product', entityId: 'SKU-1001' },
    'productCreated',
    false,
  ],
  ['entity id without type', { entityId: 'ORD-42' }, 'orderItemShipped', true],
  [
    'entity filter on an event without entity',
    { entityType: 'product' },
    'currencyRatesPublic',
    false,
  ],
  // actions: empty = all
  ['no actions = all (created)', { actions: [] }, 'productCreated', true],
  ['no actions = all (deleted)', { actions: [] }, 'productDeleted', true],
  ['action created', { actions: ['created'] }, 'productCreated', true],
  ['action created, update event', { actions: ['created'] }, 'productPriceChanged', false],
  ['actions update or delete', { actions: ['updated', 'deleted'] }, 'productDeleted', true],
  ['actions set, event without action', { actions: ['created'] }, 'currencyRatesPublic', false],
  // triggers: empty = all
  ['no triggers = all', { triggers: [] }, 'productCreated', true],
  ['trigger import', { triggers: ['import'] }, 'productCreated', true],
  ['trigger import, pim event', { triggers: ['import'] }, 'productPriceChanged', false],
  ['triggers pim or admin-ui', { triggers: ['pim', 'admin-ui'] }, 'productDeleted', true],
  [
    'create from import only',
    { actions: ['created'], triggers: ['import'] },
    'productCreated',
    true,
  ],
  [
    'delete from import only',
    { actions: ['deleted'], triggers: ['import'] },
    'productDeleted',
    false,
  ],
  // conditions, one operator at a time
  [
    '$eq on a product code',
    { condition: { 'data.code': { $eq: 'P200' } } },
    'productPriceChanged',
    true,
  ],
  ['$eq implicit', { condition: { 'data.code': 'P100' } }, 'productPriceChanged', false],
  ['$ne', { condition: { 'data.code': { $ne: 'P900' } } }, 'productDeleted', false],
  [
    '$gt on a nested number',
    { condition: { 'data.price.new': { $gt: 99.9 } } },
    'productPriceChanged',
    false,
  ],
  ['$gte', { condition: { 'data.price.new': { $gte: 99.9 } } }, 'productPriceChanged', true],
  ['$lt', { condition: { 'data.total': { $lt: 250 } } }, 'orderCreated', true],
  ['$lte', { condition: { 'data.total': { $lte: 248 } } }, 'orderCreated', false],
  [
    '$in on codes',
    { condition: { 'data.code': { $in: ['P100', 'P200'] } } },
    'productCreated',
    true,
  ],
  [
    '$in against an array field',
    { condition: { 'data.tags': { $in: ['sale'] } } },
    'productPriceChanged',
    true,
  ],
  ['$nin', { condition: { 'data.code': { $nin: ['P100', 'P200'] } } }, 'productDeleted', true],
  ['$nin excludes', { condition: { 'data.code': { $nin: ['P900'] } } }, 'productDeleted', false],
  ['$exists true', { condition: { 'data.supplier': { $exists: true } } }, 'productCreated', true],
  [
    '$exists false',
    { condition: { 'data.supplier': { $exists: false } } },
    'productCreated',
    false,
  ],
  [
    '$regex',
    { condition: { 'data.customer.email': { $regex: '@example\\.com$' } } },
    'orderCreated',
    true,
  ],
  [
    '$regex with $options',
    { condition: { 'data.description': { $regex: '^price', $options: 'i' } } },
    'productPriceChanged',
    true,
  ],
  ['$regex no match', { condition: { subject: { $regex: '^orders/' } } }, 'productCreated', false],
  [
    '$and',
    { condition: { $and: [{ 'data.currency': 'USD' }, { 'data.customer.tier': 'gold' }] } },
    'orderCreated',
    true,
  ],
  [
    '$and one fails',
    { condition: { $and: [{ 'data.currency': 'USD' }, { 'data.customer.tier': 'silver' }] } },
    'orderCreated',
    false,
  ],
  [
    '$or',
    { condition: { $or: [{ 'data.code': 'P900' }, { 'data.code': 'P100' }] } },
    'productCreated',
    true,
  ],
  [
    '$or none',
    { condition: { $or: [{ 'data.code': 'P900' }, { action: 'deleted' }] } },
    'productCreated',
    false,
  ],
  [
    '$not',
    { condition: { 'data.price.new': { $not: { $lt: 100 } } } },
    'productPriceChanged',
    false,
  ],
  [
    '$not passes',
    { condition: { 'data.code': { $not: { $in: ['P900'] } } } },
    'productCreated',
    true,
  ],
  [
    'array element match',
    { condition: { 'data.lines': { $elemMatch: { sku: 'SKU-3003', qty: { $gte: 1 } } } } },
    'orderCreated',
    true,
  ],
  [
    'seed shape {EntityType, EntityEvent}',
    { condition: { 'data.EntityType': 'Order', 'data.EntityEvent': 'Created' } },
    'orderCreated',
    true,
  ],
  [
    'condition on routing attributes',
    { condition: { entityType: 'product', trigger: 'pim', source: { $regex: 'pim$' } } },
    'productPriceChanged',
    true,
  ],
  [
    'condition on a missing field',
    { condition: { 'data.missing.deep': 1 } },
    'productDeleted',
    false,
  ],
  ['null field equals null', { condition: { 'data.reason': null } }, 'productDeleted', true],
  // all filters together
  [
    'full filter set',
    {
      eventTypes: ['product.*'],
      entityType: 'product',
      actions: ['updated'],
      triggers: ['pim'],
      condition: { 'data.price.currency': 'EUR', 'data.channels': { $all: ['web', 'store'] } },
    },
    'productPriceChanged',
    true,
  ],
];

describe('SubscriptionIndex.match', () => {
  it.each(ROWS)('%s', (_description, filters, eventName, expected) => {
    const index = new SubscriptionIndex();
    const wanted = subscription(filters);
    index.upsert(wanted);
    // Noise: other tenants' and other types' subscriptions must never leak into the result.
    index.upsert(subscription({ tenantId: 'initech', eventTypes: ['*'] }));
    index.upsert(subscription({ eventTypes: ['invoice.paid'] }));

    const ids = index.match(EVENTS[eventName]).map((s) => s.id);

    expect(ids.includes(wanted.id)).toBe(expected);
  });
});

describe('SubscriptionIndex', () => {
  const event = EVENTS.orderCreated;

  it('returns a subscription once even when several of its patterns match', () => {
    const index = new SubscriptionIndex();
    const s = subscription({ eventTypes: ['order.created', 'order.*', '*', '*.created'] });
    index.upsert(s);
    expect(index.match(event)).toEqual([s]);
    expect(index.match(event)).toEqual([s]);
  });

  it('returns inactive, paused and disabled subscriptions too (the caller holds them)', () => {
    const index = new SubscriptionIndex();
    const held = [
      subscription({ active: false }),
      subscription({ state: 'paused', pausedUntil: '2099-01-01T00:00:00.000Z' }),
      subscription({ state: 'disabled' }),
    ];
    held.forEach((s) => index.upsert(s));
    expect(
      index
        .match(event)
        .map((s) => s.id)
        .sort(),
    ).toEqual(held.map((s) => s.id).sort());
  });

  it('replaces a subscription on upsert, re-indexing its patterns', () => {
    const index = new SubscriptionIndex();
    const s = subscription({ eventTypes: ['order.created'] });
    index.upsert(s);
    index.upsert({ ...s, eventTypes: ['product.*'], revision: 2 });
    expect(index.size).toBe(1);
    expect(index.match(event)).toEqual([]);
    expect(index.match(EVENTS.productCreated).map((x) => x.revision)).toEqual([2]);
  });

  it('stops matching a removed subscription, for tenant and public events', () => {
    const index = new SubscriptionIndex();
    const s = subscription({ eventTypes: ['*'] });
    index.upsert(s);
    expect(index.remove(s.id)).toBe(true);
    expect(index.remove(s.id)).toBe(false);
    expect(index.size).toBe(0);
    expect(index.match(event)).toEqual([]);
    expect(index.match(EVENTS.currencyRatesPublic)).toEqual([]);
  });

  it('picks up a new wildcard pattern after the type was already matched', () => {
    const index = new SubscriptionIndex();
    index.upsert(subscription({ eventTypes: ['order.created'] }));
    expect(index.match(event)).toHaveLength(1);
    const wildcard = subscription({ eventTypes: ['*.created'] });
    index.upsert(wildcard);
    expect(index.match(event)).toHaveLength(2);
    index.remove(wildcard.id);
    expect(index.match(event)).toHaveLength(1);
  });

  it('keeps a shared compiled condition while another subscription still uses it', () => {
    const index = new SubscriptionIndex();
    const condition = { 'data.total': { $gt: 100 } };
    const a = subscription({ condition });
    const b = subscription({ condition: { ...condition } });
    index.upsert(a);
    index.upsert(b);
    index.remove(a.id);
    expect(index.match(event)).toEqual([b]);
    expect(index.match({ ...event, data: { total: 5 } })).toEqual([]);
  });

  it('keeps shared entity and trigger filters while another subscription still uses them', () => {
    const index = new SubscriptionIndex();
    const filters = { entityType: 'order', entityId: 'ORD-1', triggers: ['web', 'pim'] };
    const a = subscription({ ...filters });
    const b = subscription({ ...filters, triggers: [...filters.triggers] });
    index.upsert(a);
    index.upsert(b);
    index.remove(a.id);
    const wanted = { ...event, entityType: 'order', entityId: 'ORD-1', trigger: 'pim' };
    expect(index.match(wanted)).toEqual([b]);
    expect(index.match({ ...wanted, trigger: 'import' })).toEqual([]);
    expect(index.match({ ...wanted, entityId: 'ORD-2' })).toEqual([]);
    index.upsert(subscription({ ...filters, id: a.id, triggers: ['import'] }));
    expect(index.matchMany([wanted, { ...wanted, trigger: 'import' }])).toEqual([
      [b],
      [expect.objectContaining({ id: a.id })],
    ]);
  });

  it('delivers a public event to every tenant subscribed to its type', () => {
    const index = new SubscriptionIndex();
    const tenants = ['acme', 'globex', 'initech'].map((tenantId) =>
      subscription({ tenantId, eventTypes: ['catalog.currency.*'] }),
    );
    tenants.forEach((s) => index.upsert(s));
    index.upsert(subscription({ tenantId: 'umbrella', eventTypes: ['order.*'] }));
    expect(
      index
        .match(EVENTS.currencyRatesPublic)
        .map((s) => s.tenantId)
        .sort(),
    ).toEqual(['acme', 'globex', 'initech']);
  });

  it('rejects a condition with an unsupported operator and drops the previous version', () => {
    const index = new SubscriptionIndex();
    const s = subscription();
    index.upsert(s);
    expect(() => index.upsert({ ...s, condition: { $where: 'this.data.total > 1' } })).toThrow(
      InvalidCondition,
    );
    expect(index.size).toBe(0);
    expect(index.match(event)).toEqual([]);
  });

  it('rejects a malformed event type pattern', () => {
    const index = new SubscriptionIndex();
    expect(() => index.upsert(subscription({ eventTypes: ['order.crea*'] }))).toThrow(
      InvalidEventTypePattern,
    );
    expect(index.size).toBe(0);
  });

  it('agrees with a linear scan over random subscriptions and events', () => {
    const random = seededRandom(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const types = [
      'order.created',
      'order.item.shipped',
      'product.created',
      'product.price.changed',
      'customer.updated',
    ];
    const patterns = [
      ...types,
      '*',
      'order.*',
      'product.*',
      '*.created',
      'product.*.changed',
      '*.*',
    ];
    const tenants = ['acme', 'globex', 'initech'];
    const index = new SubscriptionIndex();
    const all: Subscription[] = [];
    for (let i = 0; i < 400; i++) {
      const s = subscription({
        tenantId: pick(tenants),
        eventTypes: [pick(patterns), ...(random() < 0.3 ? [pick(patterns)] : [])],
        entityType: random() < 0.2 ? pick(['order', 'product']) : null,
        actions: random() < 0.3 ? [pick(['created', 'updated', 'deleted'] as const)] : [],
        triggers: random() < 0.2 ? [pick(['web', 'pim', 'import'])] : [],
        condition: random() < 0.2 ? { 'data.n': { $gte: Math.floor(random() * 10) } } : null,
      });
      all.push(s);
      index.upsert(s);
    }
    for (const removed of all.splice(0, 50)) index.remove(removed.id);

    const events: HeraldEvent[] = [];
    const expectedPerEvent: string[][] = [];
    for (let i = 0; i < 300; i++) {
      const e: HeraldEvent = {
        ...event,
        id: `e${i}`,
        tenantId: random() < 0.1 ? null : pick(tenants),
        type: pick(types),
        entityType: pick(['order', 'product', null]),
        action: pick(['created', 'updated', 'deleted', null] as const),
        trigger: pick(['web', 'pim', 'import', null]),
        data: { n: Math.floor(random() * 10) },
      };
      const expected = all
        .filter((s) => linearMatch(s, e))
        .map((s) => s.id)
        .sort();
      expect(
        index
          .match(e)
          .map((s) => s.id)
          .sort(),
      ).toEqual(expected);
      events.push(e);
      expectedPerEvent.push(expected);
    }
    // The same answers when the events come as one batch.
    expect(index.matchMany(events).map((matches) => matches.map((s) => s.id).sort())).toEqual(
      expectedPerEvent,
    );
  });

  it('keeps agreeing with a linear scan while subscriptions change between batches', () => {
    // Many tenants and types, so batches resolve lists that grow the table mid-batch, and
    // enough churn that retired lists pile up and the pool is compacted between batches.
    const random = seededRandom(11);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const types = ['a.x', 'a.y', 'a.y.z', 'b.x', 'b.y', 'c.x.y', 'c.z', 'd'];
    const patterns = [...types, '*', 'a.*', '*.x', '*.y', 'c.*.y', '*.*'];
    const tenants = Array.from({ length: 40 }, (_, i) => `tenant${i}`);
    const index = new SubscriptionIndex();
    const live = new Map<string, Subscription>();
    const randomSubscription = (id: string) =>
      subscription({
        id,
        tenantId: pick(tenants),
        eventTypes: [pick(patterns), ...(random() < 0.3 ? [pick(patterns)] : [])],
        actions: random() < 0.3 ? [pick(['created', 'updated', 'deleted'] as const)] : [],
        triggers: random() < 0.2 ? [pick(['web', 'pim', 'import'])] : [],
      });
    for (let round = 0; round < 60; round++) {
      for (let change = 0; change < 15; change++) {
        const id = `s${Math.floor(random() * 400)}`;
        if (live.has(id) && random() < 0.4) {
          index.remove(id);
          live.delete(id);
        } else {
          const s = randomSubscription(id);
          index.upsert(s);
          live.set(id, s);
        }
      }
      const events: HeraldEvent[] = Array.from({ length: 100 }, (_, i) => ({
        ...event,
        id: `r${round}e${i}`,
        tenantId: random() < 0.1 ? null : random() < 0.05 ? 'nobody' : pick(tenants),
        type: pick(types),
        action: pick(['created', 'updated', 'deleted', null] as const),
        trigger: pick(['web', 'pim', 'import', null]),
      }));
      const expected = events.map((e) =>
        [...live.values()]
          .filter((s) => linearMatch(s, e))
          .map((s) => s.id)
          .sort(),
      );
      const viaMany = index.matchMany(events).map((matches) => matches.map((s) => s.id).sort());
      expect(viaMany).toEqual(expected);
      expect(
        index
          .match(events[0])
          .map((s) => s.id)
          .sort(),
      ).toEqual(expected[0]);
    }
  });
});

function linearMatch(s: Subscription, e: HeraldEvent): boolean {
  const typeOk = s.eventTypes.some((p) => {
    const re = new RegExp(
      `^${p
        .split('.')
        .map((x) => (x === '*' ? '[^.]+(\\.[^.]+)*' : x))
        .join('\\.')}$`,
    );
    return re.test(e.type);
  });
  const n = (e.data as { n: number }).n;
  const condition = s.condition as { 'data.n': { $gte: number } } | null;
  return (
    typeOk &&
    (e.tenantId === null || e.tenantId === s.tenantId) &&
    (s.entityType === null || s.entityType === e.entityType) &&
    (s.actions.length === 0 || (e.action !== null && s.actions.includes(e.action))) &&
    (s.triggers.length === 0 || (e.trigger !== null && s.triggers.includes(e.trigger))) &&
    (condition === null || n >= condition['data.n'].$gte)
  );
}

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}
