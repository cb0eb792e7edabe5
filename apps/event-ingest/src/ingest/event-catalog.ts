import { TenantCacheLimits, TenantLru } from '@herald/tenant-cache';
import { DataValidator, SchemaLimits, compileTenantSchema } from '@herald/tenant-schemas';

/** What validation needs to know about an event's type. */
export interface KnownEventType {
  /** Checks `data` against the type's JSON Schema; null when the type has no schema. */
  validateData: DataValidator | null;
  /** The type's code (`100`) and description, carried on the event for payload templates. */
  code?: string | null;
  description?: string | null;
}

/** A registered type as the catalog source reads it. */
export interface EventTypeRecord {
  schema: Record<string, unknown> | null;
  code?: string | null;
  description?: string | null;
}

/** The tenants and event types registered through the API, as event-ingest sees them. */
export interface EventCatalog {
  tenantExists(tenantId: string): Promise<boolean>;
  /** The tenant's own type of that name, else the operator's public one; null when neither. */
  eventType(tenantId: string | null, type: string): Promise<KnownEventType | null>;
}

export interface CatalogSource {
  tenantExists(tenantId: string): Promise<boolean>;
  eventTypeSchema(tenantId: string | null, type: string): Promise<EventTypeRecord | null>;
}

/** Bounds of what the catalog compiles and keeps. */
export interface CatalogLimits {
  schema: SchemaLimits;
  /** Compiled types per tenant and in all; an entry weighs its schema's JSON bytes. */
  types: TenantCacheLimits;
}

/** The defaults of libs/config (HERALD_SCHEMA_* and HERALD_INGEST_SCHEMA_CACHE_*). */
export const DEFAULT_CATALOG_LIMITS: CatalogLimits = {
  schema: { maxBytes: 32_768, maxDepth: 32 },
  types: {
    perTenantEntries: 64,
    perTenantWeight: 1_048_576,
    totalEntries: 5_000,
    totalWeight: 8_388_608,
  },
};

interface Cached<T> {
  value: T;
  expiresAt: number;
}

/** A looked-up type, with the JSON of its schema so an unchanged schema is not compiled again. */
interface TypeEntry {
  lookup: Promise<KnownEventType | null>;
  schemaJson: string | null;
  expiresAt: number;
}

const MAX_TENANTS = 50_000;
/** The weight of a type entry beside its schema: the key, the promise, the entry itself. */
const ENTRY_OVERHEAD_BYTES = 256;

/** The tenant id under which public events' types are cached (never a real tenant id). */
const PUBLIC_EVENTS = '';

/**
 * The catalog with a short TTL cache in front of the database, so the hot path makes no query
 * per event: each (tenant) and (tenant, type) is looked up at most once per TTL, and a type's
 * schema is compiled only when it changed. Concurrent misses for the same key share one query.
 *
 * Types live in a {@link TenantLru}: each tenant has a small shelf of compiled schemas, bounded
 * in count and in schema bytes, inside a global bound, so one tenant with many or large schemas
 * evicts its own entries, not other tenants'. Every schema compiles in an ajv instance of its
 * own (`compileTenantSchema`), so nothing is left behind by an evicted or failed one, and a
 * `$id` means something only within its schema.
 */
export class CachedEventCatalog implements EventCatalog {
  private readonly tenants = new Map<string, Cached<Promise<boolean>>>();
  private readonly types: TenantLru<TypeEntry>;

  constructor(
    private readonly source: CatalogSource,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly limits: CatalogLimits = DEFAULT_CATALOG_LIMITS,
  ) {
    this.types = new TenantLru(limits.types);
  }

  /** Compiled types held, and the schema bytes they weigh (for tests and metrics). */
  get cachedTypes(): { entries: number; weight: number } {
    return { entries: this.types.size, weight: this.types.weight };
  }

  tenantExists(tenantId: string): Promise<boolean> {
    const now = this.now();
    const hit = this.tenants.get(tenantId);
    if (hit && hit.expiresAt > now) return hit.value;
    if (this.tenants.size >= MAX_TENANTS) this.tenants.clear();
    const value = this.source.tenantExists(tenantId);
    this.tenants.set(tenantId, { value, expiresAt: now + this.ttlMs });
    // A failed lookup is not cached: the next event tries again.
    value.catch(() => this.tenants.delete(tenantId));
    return value;
  }

  eventType(tenantId: string | null, type: string): Promise<KnownEventType | null> {
    const tenant = tenantId ?? PUBLIC_EVENTS;
    const now = this.now();
    const previous = this.types.get(tenant, type);
    if (previous && previous.expiresAt > now) return previous.lookup;
    const entry: TypeEntry = { lookup: Promise.resolve(null), schemaJson: null, expiresAt: 0 };
    entry.expiresAt = now + this.ttlMs;
    entry.lookup = this.source.eventTypeSchema(tenantId, type).then(async (found) => {
      if (!found) return null;
      const labels = { code: found.code ?? null, description: found.description ?? null };
      if (!found.schema) return { validateData: null, ...labels };
      const schemaJson = JSON.stringify(found.schema);
      entry.schemaJson = schemaJson;
      // Still the current entry: weigh it by its schema (a heavy one may not be kept at all).
      if (this.types.get(tenant, type) === entry) {
        this.types.set(tenant, type, entry, ENTRY_OVERHEAD_BYTES + schemaJson.length);
      }
      // An unchanged schema keeps its compiled validator; the code may have changed.
      const reused =
        previous?.schemaJson === schemaJson ? await previous.lookup.catch(() => null) : null;
      return { validateData: reused?.validateData ?? this.compile(type, found.schema), ...labels };
    });
    this.types.set(tenant, type, entry, ENTRY_OVERHEAD_BYTES);
    // A failed lookup is not cached: the next event tries again.
    entry.lookup.catch(() => {
      if (this.types.get(tenant, type) === entry) this.types.delete(tenant, type);
    });
    return entry.lookup;
  }

  private compile(type: string, schema: Record<string, unknown>): DataValidator {
    const compiled = compileTenantSchema(schema, this.limits.schema);
    if (compiled.ok) return compiled.validate;
    // A schema the API accepted but that cannot be used here (older than a limit, say): reject
    // its events rather than pass them unchecked. Only this message is kept, not the attempt.
    const message = `the schema registered for ${type} cannot be compiled (schema ${compiled.problem})`;
    return () => message;
  }
}
