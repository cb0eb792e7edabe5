import {
  CachedEventCatalog,
  CatalogSource,
  DEFAULT_CATALOG_LIMITS,
  judgeByCatalogue,
} from './event-catalog';

/** An in-memory catalog source that counts lookups. */
class CountingSource implements CatalogSource {
  tenantLookups = 0;
  typeLookups = 0;
  tenants = new Set(['acme']);
  schema: Record<string, unknown> | null = {
    type: 'object',
    required: ['total'],
    properties: { total: { type: 'number' }, email: { type: 'string', format: 'email' } },
  };

  strict = new Set<string>();

  async tenant(tenantId: string): Promise<{ strict: boolean } | null> {
    this.tenantLookups++;
    return this.tenants.has(tenantId) ? { strict: this.strict.has(tenantId) } : null;
  }

  code: string | null = '100';

  async eventTypeSchema(_tenantId: string | null, type: string) {
    this.typeLookups++;
    return type === 'order.created'
      ? { schema: this.schema, code: this.code, description: 'an order was placed' }
      : null;
  }
}

describe('CachedEventCatalog', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => (now = 1_000));

  it('asks the source once per TTL, however many events arrive', async () => {
    const source = new CountingSource();
    const catalog = new CachedEventCatalog(source, 5_000, clock);
    for (let i = 0; i < 100; i++) {
      expect(await catalog.tenantExists('acme')).toBe(true);
      await catalog.eventType('acme', 'order.created');
    }
    expect([source.tenantLookups, source.typeLookups]).toEqual([1, 1]);

    source.tenants.add('globex');
    expect(await catalog.tenantExists('globex')).toBe(true);
    source.tenants.delete('acme');
    now += 4_999;
    expect(await catalog.tenantExists('acme')).toBe(true);
    now += 1;
    expect(await catalog.tenantExists('acme')).toBe(false);
  });

  it('validates data against the registered JSON Schema, naming the field', async () => {
    const catalog = new CachedEventCatalog(new CountingSource(), 5_000, clock);
    const type = await catalog.eventType('acme', 'order.created');
    expect(type?.validateData?.({ total: 3 })).toBeNull();
    expect(type?.validateData?.({ total: '3' })).toBe('data.total must be number');
    expect(type?.validateData?.({ total: 3, email: 'nope' })).toContain(
      'data.email must match format',
    );
    expect(await catalog.eventType('acme', 'order.unknown')).toBeNull();
  });

  it('does not cache a failed lookup', async () => {
    const source = new CountingSource();
    let fail = true;
    source.tenant = async () => {
      source.tenantLookups++;
      if (fail) throw new Error('database down');
      return { strict: false };
    };
    const catalog = new CachedEventCatalog(source, 5_000, clock);
    await expect(catalog.tenantExists('acme')).rejects.toThrow('database down');
    fail = false;
    expect(await catalog.tenantExists('acme')).toBe(true);
    expect(source.tenantLookups).toBe(2);
  });

  it('rejects every event of a type whose schema cannot be compiled', async () => {
    const source = new CountingSource();
    source.schema = { type: 'no-such-type' };
    const catalog = new CachedEventCatalog(source, 5_000, clock);
    const type = await catalog.eventType('acme', 'order.created');
    expect(type?.validateData?.({})).toContain('cannot be compiled');
  });

  it('compiles a schema again only when it changed', async () => {
    const source = new CountingSource();
    const catalog = new CachedEventCatalog(source, 5_000, clock);
    const first = await catalog.eventType('acme', 'order.created');
    now += 5_000;
    const refreshed = await catalog.eventType('acme', 'order.created');
    expect(source.typeLookups).toBe(2);
    expect(refreshed?.validateData).toBe(first?.validateData);
    source.schema = { type: 'object', required: ['currency'] };
    now += 5_000;
    const changed = await catalog.eventType('acme', 'order.created');
    expect(changed?.validateData).not.toBe(first?.validateData);
    expect(changed?.validateData?.({ total: 1 })).toBe(
      "data must have required property 'currency'",
    );
  });

  it('carries the type code and description, refreshed with the TTL', async () => {
    const source = new CountingSource();
    const catalog = new CachedEventCatalog(source, 5_000, clock);
    const first = await catalog.eventType('acme', 'order.created');
    expect([first?.code, first?.description]).toEqual(['100', 'an order was placed']);
    source.code = '101';
    now += 5_000;
    const renamed = await catalog.eventType('acme', 'order.created');
    expect(renamed?.code).toBe('101');
    // The schema did not change: the compiled validator is kept.
    expect(renamed?.validateData).toBe(first?.validateData);
    source.schema = null;
    now += 5_000;
    expect(await catalog.eventType('acme', 'order.created')).toEqual({
      validateData: null,
      checkData: null,
      code: '101',
      description: 'an order was placed',
    });
  });

  it('keeps each tenant’s compiled schemas on its own bounded shelf', async () => {
    const schemaOf = (tenant: string, type: string) => ({
      $id: 'https://schemas.example/same.json',
      type: 'object',
      properties: { [type]: { const: tenant } },
    });
    const source: CatalogSource = {
      tenant: async () => ({ strict: false }),
      eventTypeSchema: async (tenantId, type) => ({ schema: schemaOf(tenantId ?? '', type) }),
    };
    const limits = {
      ...DEFAULT_CATALOG_LIMITS,
      types: { perTenantEntries: 8, perTenantWeight: 4_096, totalEntries: 20, totalWeight: 16_384 },
    };
    const catalog = new CachedEventCatalog(source, 60_000, clock, limits);
    const globex = await catalog.eventType('globex', 'order.created');
    for (let i = 0; i < 100; i++) await catalog.eventType('acme', `t${i}`);
    expect(catalog.cachedTypes.entries).toBeLessThanOrEqual(9);
    // globex's entry survived acme’s 100 types, and the same $id compiled for both tenants.
    expect(await catalog.eventType('globex', 'order.created')).toBe(globex);
    expect(globex?.validateData?.({ 'order.created': 'globex' })).toBeNull();
    expect(globex?.validateData?.({ 'order.created': 'acme' })).toContain(
      'must be equal to constant',
    );
  });

  it('never compiles a stored schema past the size limits', async () => {
    const source = new CountingSource();
    source.schema = {
      type: 'object',
      properties: Object.fromEntries(Array.from({ length: 4_000 }, (_, i) => [`p${i}`, {}])),
    };
    const catalog = new CachedEventCatalog(source, 5_000, clock);
    const type = await catalog.eventType('acme', 'order.created');
    expect(type?.validateData?.({})).toMatch(/cannot be compiled \(schema is \d+ bytes, more than/);
  });
});

describe('judgeByCatalogue', () => {
  const source = new CountingSource();
  source.tenants.add('strict-co');
  source.strict.add('strict-co');
  const catalog = new CachedEventCatalog(source, 0);
  const event = (tenantId: string | null, type: string, data: unknown = { total: 1 }) => ({
    tenantId,
    type,
    data,
  });

  it('lets a tenant send an unregistered type unless its catalogue is strict', async () => {
    expect(await judgeByCatalogue(catalog, event('acme', 'order.unknown'))).toEqual({
      ok: true,
      type: null,
    });
    const refused = await judgeByCatalogue(catalog, event('strict-co', 'order.unknown'));
    expect(refused).toMatchObject({
      ok: false,
      refusal: { reason: 'unknown_event_type', issues: [{ field: 'type' }] },
    });
    // A registered type passes in a strict catalogue, with its code.
    const known = await judgeByCatalogue(catalog, event('strict-co', 'order.created'));
    expect(known.ok && known.type?.code).toBe('100');
  });

  it('names every field the JSON Schema refuses', async () => {
    const verdict = await judgeByCatalogue(
      catalog,
      event('acme', 'order.created', { total: 'x', email: 'nope' }),
    );
    expect(verdict).toEqual({
      ok: false,
      refusal: {
        reason: 'schema_violation',
        detail: 'data.total must be number',
        // ajv stops at the first error (allErrors: false bounds the work per event).
        issues: [{ field: 'data.total', message: 'must be number' }],
      },
    });
  });

  it('refuses an unknown tenant and a public event without a public type', async () => {
    expect(await judgeByCatalogue(catalog, event('ghost', 'order.created'))).toMatchObject({
      refusal: { reason: 'unknown_tenant', detail: 'tenantid: tenant ghost does not exist' },
    });
    expect(await judgeByCatalogue(catalog, event(null, 'order.unknown'))).toMatchObject({
      refusal: { reason: 'unknown_event_type', issues: [{ field: 'type' }] },
    });
  });
});
