import { TenantCacheLimits, TenantLru } from '@herald/tenant-cache';
import { SchemaLimits } from './schema-limits';
import {
  DataChecker,
  DataIssue,
  DataValidator,
  compileTenantSchema,
  describeDataIssues,
} from './tenant-schema';

/** What validation needs to know about an event's type. */
export interface KnownEventType {
  /** Checks `data` against the type's JSON Schema; null when the type has no schema. */
  validateData: DataValidator | null;
  /** The same check, with each error naming its field (the API's 422). */
  checkData?: DataChecker | null;
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

/** A tenant's catalogue settings: strict refuses the types it has not registered. */
export interface TenantCatalogue {
  strict: boolean;
}

/** The tenants and event types registered through the API, as event-ingest and the API see them. */
export interface EventCatalog {
  /** The tenant's catalogue settings; null when there is no such tenant. */
  tenant(tenantId: string): Promise<TenantCatalogue | null>;
  /** The tenant's own type of that name, else the operator's public one; null when neither. */
  eventType(tenantId: string | null, type: string): Promise<KnownEventType | null>;
}

export interface CatalogSource {
  tenant(tenantId: string): Promise<TenantCatalogue | null>;
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
  private readonly tenants = new Map<string, Cached<Promise<TenantCatalogue | null>>>();
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

  /**
   * Drops what is cached of a tenant (its settings, and one of its types when `type` is given),
   * so the next lookup reads the change this process just made.
   */
  forget(tenantId: string, type?: string): void {
    this.tenants.delete(tenantId);
    if (type !== undefined) this.types.delete(tenantId, type);
  }

  async tenantExists(tenantId: string): Promise<boolean> {
    return (await this.tenant(tenantId)) !== null;
  }

  tenant(tenantId: string): Promise<TenantCatalogue | null> {
    const now = this.now();
    const hit = this.tenants.get(tenantId);
    if (hit && hit.expiresAt > now) return hit.value;
    if (this.tenants.size >= MAX_TENANTS) this.tenants.clear();
    const value = this.source.tenant(tenantId);
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
      if (!found.schema) return { validateData: null, checkData: null, ...labels };
      const schemaJson = JSON.stringify(found.schema);
      entry.schemaJson = schemaJson;
      // Still the current entry: weigh it by its schema (a heavy one may not be kept at all).
      if (this.types.get(tenant, type) === entry) {
        this.types.set(tenant, type, entry, ENTRY_OVERHEAD_BYTES + schemaJson.length);
      }
      // An unchanged schema keeps its compiled validator; the code may have changed.
      const reused =
        previous?.schemaJson === schemaJson ? await previous.lookup.catch(() => null) : null;
      const checks =
        reused?.validateData && reused.checkData
          ? { validateData: reused.validateData, checkData: reused.checkData }
          : this.compile(type, found.schema);
      return { ...checks, ...labels };
    });
    this.types.set(tenant, type, entry, ENTRY_OVERHEAD_BYTES);
    // A failed lookup is not cached: the next event tries again.
    entry.lookup.catch(() => {
      if (this.types.get(tenant, type) === entry) this.types.delete(tenant, type);
    });
    return entry.lookup;
  }

  private compile(
    type: string,
    schema: Record<string, unknown>,
  ): { validateData: DataValidator; checkData: DataChecker } {
    const compiled = compileTenantSchema(schema, this.limits.schema);
    if (compiled.ok) return { validateData: compiled.validate, checkData: compiled.check };
    // A schema the API accepted but that cannot be used here (older than a limit, say): reject
    // its events rather than pass them unchecked. Only this message is kept, not the attempt.
    const message = `the schema registered for ${type} cannot be compiled (schema ${compiled.problem})`;
    return { validateData: () => message, checkData: () => [{ field: 'data', message }] };
  }
}

/** Why the catalogue refuses an event: a reason of herald.events.invalid, and the fields. */
export interface CatalogueRefusal {
  reason: 'unknown_tenant' | 'unknown_event_type' | 'schema_violation';
  detail: string;
  issues: DataIssue[];
}

export type CatalogueVerdict =
  { ok: true; type: KnownEventType | null } | { ok: false; refusal: CatalogueRefusal };

/**
 * What the catalogue says of an event, the one rule for Kafka and HTTP ingest: its tenant must
 * exist; a public event (no tenant) needs a public type, and so does every event of a tenant
 * whose catalogue is strict (its own type or a public one); a registered type's schema must
 * accept `data`. `type` is the registered type, when there is one.
 */
export async function judgeByCatalogue(
  catalog: EventCatalog,
  event: { tenantId: string | null; type: string; data: unknown },
): Promise<CatalogueVerdict> {
  const refuse = (reason: CatalogueRefusal['reason'], issues: DataIssue[]): CatalogueVerdict => ({
    ok: false,
    refusal: { reason, issues, detail: issues.map((i) => `${i.field}: ${i.message}`).join('; ') },
  });
  let strict = false;
  if (event.tenantId !== null) {
    const tenant = await catalog.tenant(event.tenantId);
    if (tenant === null) {
      return refuse('unknown_tenant', [
        { field: 'tenantid', message: `tenant ${event.tenantId} does not exist` },
      ]);
    }
    strict = tenant.strict;
  }
  const type = await catalog.eventType(event.tenantId, event.type);
  if (type === null) {
    if (event.tenantId === null) {
      return refuse('unknown_event_type', [
        {
          field: 'type',
          message: `${event.type} is not a registered public event type (public events need one)`,
        },
      ]);
    }
    if (strict) {
      return refuse('unknown_event_type', [
        {
          field: 'type',
          message: `${event.type} is not registered in the tenant's event catalogue (strict: unregistered types are refused)`,
        },
      ]);
    }
    return { ok: true, type: null };
  }
  const issues = type.checkData
    ? type.checkData(event.data)
    : issuesOf(type.validateData?.(event.data) ?? null);
  if (issues !== null) {
    return {
      ok: false,
      refusal: { reason: 'schema_violation', issues, detail: describeDataIssues(issues) },
    };
  }
  return { ok: true, type };
}

function issuesOf(message: string | null): DataIssue[] | null {
  return message === null ? null : [{ field: 'data', message }];
}
