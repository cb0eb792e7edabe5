import Ajv, { ValidateFunction } from 'ajv';
import { TENANT_SCHEMA_AJV_OPTIONS, addLinearFormats } from '@herald/matching';

/** What validation needs to know about an event's type. */
export interface KnownEventType {
  /** Checks `data` against the type's JSON Schema; null when the type has no schema. */
  validateData: ((data: unknown) => string | null) | null;
}

/** The tenants and event types registered through the API, as event-ingest sees them. */
export interface EventCatalog {
  tenantExists(tenantId: string): Promise<boolean>;
  /** The tenant's own type of that name, else a public one; null when none is registered. */
  eventType(tenantId: string | null, type: string): Promise<KnownEventType | null>;
}

export interface CatalogSource {
  tenantExists(tenantId: string): Promise<boolean>;
  eventTypeSchema(
    tenantId: string | null,
    type: string,
  ): Promise<{ schema: Record<string, unknown> | null } | null>;
}

interface Cached<T> {
  value: T;
  expiresAt: number;
}

const MAX_ENTRIES = 50_000;

/**
 * The catalog with a short TTL cache in front of the database, so the hot path makes no query
 * per event: each (tenant) and (tenant, type) is looked up at most once per TTL, and a type's
 * schema is compiled once per TTL. Concurrent misses for the same key share one query.
 */
export class CachedEventCatalog implements EventCatalog {
  private readonly tenants = new Map<string, Cached<Promise<boolean>>>();
  private readonly types = new Map<string, Cached<Promise<KnownEventType | null>>>();
  private readonly ajv: Ajv;

  constructor(
    private readonly source: CatalogSource,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    // Tenants' patterns and the formats run in linear time: no event can stall validation.
    this.ajv = new Ajv({ allErrors: false, strict: false, ...TENANT_SCHEMA_AJV_OPTIONS });
    addLinearFormats(this.ajv);
  }

  tenantExists(tenantId: string): Promise<boolean> {
    return this.cached(this.tenants, tenantId, () => this.source.tenantExists(tenantId));
  }

  eventType(tenantId: string | null, type: string): Promise<KnownEventType | null> {
    return this.cached(this.types, `${tenantId ?? ''}\u0000${type}`, async () => {
      const found = await this.source.eventTypeSchema(tenantId, type);
      if (!found) return null;
      return { validateData: found.schema ? this.compile(type, found.schema) : null };
    });
  }

  private compile(type: string, schema: Record<string, unknown>): (data: unknown) => string | null {
    let validate: ValidateFunction;
    try {
      validate = this.ajv.compile(schema);
    } catch (error) {
      // A schema the API accepted but ajv cannot compile: reject rather than pass unchecked.
      const message = `the schema registered for ${type} cannot be compiled (${(error as Error).message})`;
      return () => message;
    }
    return (data) => {
      if (validate(data)) return null;
      return (validate.errors ?? [])
        .map((e) => `data${e.instancePath.replace(/\//g, '.')} ${e.message ?? 'is invalid'}`)
        .join('; ');
    };
  }

  private cached<T>(
    map: Map<string, Cached<Promise<T>>>,
    key: string,
    load: () => Promise<T>,
  ): Promise<T> {
    const now = this.now();
    const hit = map.get(key);
    if (hit && hit.expiresAt > now) return hit.value;
    if (map.size >= MAX_ENTRIES) map.clear();
    const value = load();
    map.set(key, { value, expiresAt: now + this.ttlMs });
    // A failed lookup is not cached: the next event tries again.
    value.catch(() => map.delete(key));
    return value;
  }
}
