import { EventTypePattern, eventTypeMatchesSegments } from './event-type-pattern';

/** How many event types' candidate lists one audience keeps before starting over. */
const RESOLVED_LIMIT = 1_000;

interface WildcardBucket<T> {
  segments: readonly string[];
  entries: T[];
}

/**
 * The subscriptions of one audience (one tenant, or every tenant for public events) filed by
 * event-type pattern, with each event type's candidates resolved once: the exact bucket plus
 * every wildcard bucket whose pattern fits, each entry once, handed to `pack` to lay them out
 * for matching. Matching an event is then one lookup in this audience, whatever the number of
 * patterns; a change to the audience forgets the resolved lists, which are rebuilt on the next
 * event of each type.
 */
export class PatternBuckets<T, Packed> {
  private readonly exact = new Map<string, T[]>();
  private readonly wildcards = new Map<string, WildcardBucket<T>>();
  private readonly resolved = new Map<string, Packed>();

  constructor(private readonly pack: (entries: readonly T[]) => Packed) {}

  get isEmpty(): boolean {
    return this.exact.size === 0 && this.wildcards.size === 0;
  }

  add(pattern: EventTypePattern, entry: T): void {
    this.resolved.clear();
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
    this.resolved.clear();
    if (pattern.kind === 'exact') {
      const bucket = this.exact.get(pattern.type);
      if (bucket && removeEntry(bucket, entry)) this.exact.delete(pattern.type);
      return;
    }
    const bucket = this.wildcards.get(pattern.pattern);
    if (bucket && removeEntry(bucket.entries, entry)) this.wildcards.delete(pattern.pattern);
  }

  /** Every entry with a pattern that fits `type`, each once, packed. */
  candidates(type: string): Packed {
    let found = this.resolved.get(type);
    if (found === undefined) {
      found = this.pack(this.resolve(type));
      // Bounded: an unbounded stream of distinct types only costs a recomputation.
      if (this.resolved.size >= RESOLVED_LIMIT) this.resolved.clear();
      this.resolved.set(type, found);
    }
    return found;
  }

  private resolve(type: string): readonly T[] {
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
