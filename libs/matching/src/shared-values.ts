/**
 * One shared instance per distinct value, reference-counted and keyed by a string. Many
 * subscriptions repeat the same few filter values (entity types, trigger lists, conditions):
 * pointing them all at one copy keeps what matching reads small enough to stay in the CPU
 * caches, where a copy per subscription would be a cache miss per candidate.
 */
export class SharedValues<T> {
  private readonly values = new Map<string, { value: T; refs: number }>();

  get size(): number {
    return this.values.size;
  }

  /** The shared value for `key`, made by `make` the first time. */
  acquire(key: string, make: () => T): T {
    const known = this.values.get(key);
    if (known) {
      known.refs++;
      return known.value;
    }
    const value = make();
    this.values.set(key, { value, refs: 1 });
    return value;
  }

  /** Gives back one reference; the value is forgotten with its last one. */
  release(key: string): void {
    const known = this.values.get(key);
    if (known && --known.refs === 0) this.values.delete(key);
  }
}
