import { eventTypeMatchesSegments } from './event-type-pattern';

const MEMO_LIMIT = 10_000;

/**
 * The distinct wildcard patterns in use across all subscriptions (reference-counted), and for
 * each event type seen, which of them match it. There are few distinct patterns (`order.*`,
 * `*`, ...) however many subscriptions use them, so a type's list is computed once and reused
 * until the set of patterns changes.
 */
export class WildcardCatalogue {
  private readonly patterns = new Map<string, { segments: readonly string[]; refs: number }>();
  private readonly memo = new Map<string, readonly string[]>();

  get size(): number {
    return this.patterns.size;
  }

  add(pattern: string, segments: readonly string[]): void {
    const known = this.patterns.get(pattern);
    if (known) known.refs++;
    else {
      this.patterns.set(pattern, { segments, refs: 1 });
      this.memo.clear();
    }
  }

  remove(pattern: string): void {
    const known = this.patterns.get(pattern);
    if (!known) return;
    if (--known.refs === 0) {
      this.patterns.delete(pattern);
      this.memo.clear();
    }
  }

  /** The wildcard patterns in use that match `type`. */
  matching(type: string): readonly string[] {
    if (this.patterns.size === 0) return NONE;
    let result = this.memo.get(type);
    if (result === undefined) {
      const segments = type.split('.');
      const found: string[] = [];
      for (const [pattern, known] of this.patterns) {
        if (eventTypeMatchesSegments(known.segments, segments)) found.push(pattern);
      }
      result = found;
      // Bounded: an unbounded stream of distinct types only costs a recomputation.
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      this.memo.set(type, result);
    }
    return result;
  }
}

const NONE: readonly string[] = [];
