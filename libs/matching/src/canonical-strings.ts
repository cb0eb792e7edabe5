/**
 * One instance per distinct string seen lately (at most `limit`, then it starts over). A map
 * key looked up with the very instance it was stored under is found at a glance; an equal
 * string that is another instance has to be compared character by character, reading the
 * stored key, which is a cache miss when it sits in a rarely used part of a large index.
 */
export class CanonicalStrings {
  private readonly known = new Map<string, string>();

  constructor(private readonly limit = 10_000) {}

  of(value: string): string {
    const known = this.known.get(value);
    if (known !== undefined) return known;
    // Bounded: an endless stream of distinct strings only costs the sharing.
    if (this.known.size >= this.limit) this.known.clear();
    this.known.set(value, value);
    return value;
  }
}
