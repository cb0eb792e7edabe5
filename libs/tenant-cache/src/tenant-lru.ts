/** How much one tenant, and all tenants together, may keep in a {@link TenantLru}. */
export interface TenantCacheLimits {
  /** Entries one tenant may hold; its least recently used one goes first. */
  perTenantEntries: number;
  /** Weight (e.g. bytes) one tenant may hold; an entry heavier than this is never kept. */
  perTenantWeight: number;
  /** Entries all tenants may hold together; the least recently used one of any tenant goes. */
  totalEntries: number;
  /** Weight all tenants may hold together. */
  totalWeight: number;
}

interface Entry<V> {
  tenant: string;
  key: string;
  value: V;
  weight: number;
}

interface TenantShelf<V> {
  /** In use order: the first is the least recently used. */
  entries: Map<string, Entry<V>>;
  weight: number;
}

/**
 * A cache in which every tenant has its own small LRU shelf, inside a global LRU with a cap on
 * entries and on weight: one tenant filling its shelf evicts only its own entries, and all the
 * shelves together stay under the global bounds. Maps keep insertion order, so re-inserting an
 * entry on use makes the first key of each map the least recently used.
 */
export class TenantLru<V> {
  private readonly shelves = new Map<string, TenantShelf<V>>();
  /** Every entry, keyed by tenant and key, in use order across tenants. */
  private readonly all = new Map<string, Entry<V>>();
  private totalWeight = 0;

  constructor(private readonly limits: TenantCacheLimits) {}

  get size(): number {
    return this.all.size;
  }

  get weight(): number {
    return this.totalWeight;
  }

  /** The tenant's number of entries and their weight. */
  usageOf(tenant: string): { entries: number; weight: number } {
    const shelf = this.shelves.get(tenant);
    return { entries: shelf?.entries.size ?? 0, weight: shelf?.weight ?? 0 };
  }

  get(tenant: string, key: string): V | undefined {
    const entry = this.all.get(globalKey(tenant, key));
    if (!entry) return undefined;
    this.touch(entry);
    return entry.value;
  }

  /** Keeps the value unless it alone outweighs the tenant's share; returns whether it was kept. */
  set(tenant: string, key: string, value: V, weight: number): boolean {
    this.delete(tenant, key);
    if (
      this.limits.perTenantEntries < 1 ||
      this.limits.totalEntries < 1 ||
      weight > this.limits.perTenantWeight ||
      weight > this.limits.totalWeight
    ) {
      return false;
    }
    const shelf = this.shelfOf(tenant);
    while (
      shelf.entries.size >= this.limits.perTenantEntries ||
      shelf.weight + weight > this.limits.perTenantWeight
    ) {
      this.remove(first(shelf.entries));
    }
    while (
      this.all.size >= this.limits.totalEntries ||
      this.totalWeight + weight > this.limits.totalWeight
    ) {
      this.remove(first(this.all));
    }
    const entry: Entry<V> = { tenant, key, value, weight };
    // The evictions above may have dropped this tenant's (then empty) shelf.
    const live = this.shelfOf(tenant);
    live.entries.set(key, entry);
    live.weight += weight;
    this.all.set(globalKey(tenant, key), entry);
    this.totalWeight += weight;
    return true;
  }

  delete(tenant: string, key: string): void {
    const entry = this.all.get(globalKey(tenant, key));
    if (entry) this.remove(entry);
  }

  clear(): void {
    this.shelves.clear();
    this.all.clear();
    this.totalWeight = 0;
  }

  private touch(entry: Entry<V>): void {
    const id = globalKey(entry.tenant, entry.key);
    this.all.delete(id);
    this.all.set(id, entry);
    const shelf = this.shelves.get(entry.tenant);
    shelf?.entries.delete(entry.key);
    shelf?.entries.set(entry.key, entry);
  }

  private remove(entry: Entry<V>): void {
    this.all.delete(globalKey(entry.tenant, entry.key));
    this.totalWeight -= entry.weight;
    const shelf = this.shelves.get(entry.tenant);
    if (!shelf) return;
    shelf.entries.delete(entry.key);
    shelf.weight -= entry.weight;
    if (shelf.entries.size === 0) this.shelves.delete(entry.tenant);
  }

  private shelfOf(tenant: string): TenantShelf<V> {
    let shelf = this.shelves.get(tenant);
    if (!shelf) {
      shelf = { entries: new Map(), weight: 0 };
      this.shelves.set(tenant, shelf);
    }
    return shelf;
  }
}

/** Unambiguous whatever characters the tenant id and key hold. */
function globalKey(tenant: string, key: string): string {
  return `${tenant.length}:${tenant}${key}`;
}

function first<V>(map: Map<string, Entry<V>>): Entry<V> {
  return map.values().next().value as Entry<V>;
}
