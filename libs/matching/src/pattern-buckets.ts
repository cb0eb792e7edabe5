import { EventTypePattern, eventTypeMatchesSegments } from './event-type-pattern';

interface WildcardBucket<T> {
  segments: readonly string[];
  entries: T[];
}

/**
 * The subscriptions of one audience (one tenant, or every tenant for public events) filed by
 * event-type pattern: exact types in one map, wildcard patterns in another. `resolve` gathers an
 * event type's candidates from them (the exact bucket plus every wildcard bucket whose pattern
 * fits); it walks every wildcard pattern, so callers keep its answers (`ResolvedCandidates`)
 * rather than resolving each event.
 */
export class PatternBuckets<T> {
  private readonly exact = new Map<string, T[]>();
  private readonly wildcards = new Map<string, WildcardBucket<T>>();

  get isEmpty(): boolean {
    return this.exact.size === 0 && this.wildcards.size === 0;
  }

  add(pattern: EventTypePattern, entry: T): void {
    if (pattern.kind === 'exact') {
      const bucket = this.exact.get(pattern.type);
      if (bucket) bucket.push(entry);
      else this.exact.set(pattern.type, [entry]);
      return;
    }
    const bucket = this.wildcards.get(pattern.pattern);
    if (bucket) bucket.entries.push(entry);
    else this.wildcards.set(pattern.pattern, { segments: pattern.segments, entries: [entry] });
  }

  remove(pattern: EventTypePattern, entry: T): void {
    if (pattern.kind === 'exact') {
      const bucket = this.exact.get(pattern.type);
      if (bucket && removeEntry(bucket, entry)) this.exact.delete(pattern.type);
      return;
    }
    const bucket = this.wildcards.get(pattern.pattern);
    if (bucket && removeEntry(bucket.entries, entry)) this.wildcards.delete(pattern.pattern);
  }

  /** Every entry with a pattern that fits `type`, each once. */
  resolve(type: string): readonly T[] {
    const exact = this.exact.get(type) ?? NONE;
    if (this.wildcards.size === 0) return exact;
    const segments = type.split('.');
    const found = new Set<T>(exact);
    for (const bucket of this.wildcards.values()) {
      if (!eventTypeMatchesSegments(bucket.segments, segments)) continue;
      for (const entry of bucket.entries) found.add(entry);
    }
    return [...found];
  }
}

/** Removes `entry` from `bucket`; true when the bucket is now empty. */
function removeEntry<T>(bucket: T[], entry: T): boolean {
  const at = bucket.indexOf(entry);
  if (at >= 0) bucket.splice(at, 1);
  return bucket.length === 0;
}

const NONE: readonly never[] = [];
