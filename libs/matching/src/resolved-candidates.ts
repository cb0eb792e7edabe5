import { CandidatePool, Filters, appendCandidates, emptyPool } from './candidate-list';

/**
 * How much `ResolvedCandidates` holds before it starts over. Resolution is lazy, so starting
 * over only costs recomputing the lists in use; without a bound, a stream of distinct (junk)
 * event types would grow memory for ever.
 */
export interface ResolvedCandidatesLimits {
  /** Distinct event types numbered at once. */
  types: number;
  /** Resolved lists held at once (the table keeps at least two 16-byte slots per list). */
  lists: number;
  /** Live pool entries (six per candidate) held at once. */
  poolEntries: number;
}

export const DEFAULT_LIMITS: Readonly<ResolvedCandidatesLimits> = {
  types: 10_000,
  lists: 1 << 19,
  poolEntries: 1 << 23,
};

/** Each slot is four ints: audience number, type number, then the list's range of the pool. */
const SLOT_INTS = 4;
const AUDIENCE = 0;
const TYPE = 1;
const START = 2;
const END = 3;
/** Never an audience number (they start at 1), so a zeroed slot is empty. */
export const NO_AUDIENCE = 0;
const MIN_SLOTS = 64;
/** Marks a retired audience number that slots may still name (in `listsOf`). */
const RETIRED = -1;
/** Garbage allowed beyond the live entries before compacting: a small pool is not copied often. */
const COMPACTION_SLACK = 4_096;

/**
 * Every resolved candidate list, keyed by (audience number, event-type number): one open
 * addressing hash table in a single Int32Array (four ints per slot, linear probing) whose slots
 * point at ranges of one shared pool holding every list back to back. Finding an event's
 * candidates then reads one table slot and the list itself, instead of chasing a tenant's
 * object, its map of lists and each list's array through an index far bigger than the CPU
 * caches.
 *
 * Lists are never invalidated in place: an audience whose subscriptions change is given a new
 * number (`retire` the old one, then `newNumber`), and the old number's slots and pool ranges
 * become garbage, dropped when the table is rebuilt (when it passes half full) and when the pool
 * is compacted (by `tidy`, once its garbage outweighs its live entries). A list's range never
 * moves between `tidy` calls, so a caller may hold ranges until it calls `tidy` again.
 */
export class ResolvedCandidates {
  private slots = new Int32Array(MIN_SLOTS * SLOT_INTS);
  private mask = MIN_SLOTS - 1;
  private shift = 32 - Math.log2(MIN_SLOTS);
  /** Slots in use, including those of retired numbers. */
  private used = 0;
  private liveLists = 0;
  private pool = emptyPool();
  /** Pool entries only retired numbers' slots point at. */
  private garbage = 0;

  private readonly typeNumbers = new Map<string, number>();

  /** Per audience number: how many slots name it (or RETIRED), and its lists' pool entries. */
  private listsOf: Int32Array = new Int32Array(64);
  private entriesOf: Int32Array = new Int32Array(64);
  private nextNumber = 1;
  private readonly freeNumbers: number[] = [];
  /** Retired numbers still named by slots: reusable once the table is rebuilt without them. */
  private retired: number[] = [];

  constructor(private readonly limits: Readonly<ResolvedCandidatesLimits> = DEFAULT_LIMITS) {}

  /** The pool the ranges of `start` and `end` index. */
  get candidates(): CandidatePool {
    return this.pool;
  }

  /** How many lists are held (retired numbers' lists not counted). */
  get size(): number {
    return this.liveLists;
  }

  /** How many slots the table has (it grows and shrinks with the lists held). */
  get capacity(): number {
    return this.mask + 1;
  }

  /** How many pool entries are held, garbage included. */
  get poolLength(): number {
    return this.pool.length;
  }

  /** A number for an audience with no lists yet. */
  newNumber(): number {
    const number = this.freeNumbers.pop() ?? this.nextNumber++;
    if (number >= this.listsOf.length) {
      this.listsOf = grown(this.listsOf, number);
      this.entriesOf = grown(this.entriesOf, number);
    }
    this.listsOf[number] = 0;
    this.entriesOf[number] = 0;
    return number;
  }

  /** Forgets an audience's lists; its number is not used again until `newNumber` hands it out. */
  retire(number: number): void {
    const lists = this.listsOf[number];
    if (lists === 0) {
      this.freeNumbers.push(number);
      return;
    }
    this.liveLists -= lists;
    this.garbage += this.entriesOf[number];
    this.listsOf[number] = RETIRED;
    this.retired.push(number);
  }

  /** The number of an event type, given on first sight (bounded by `limits.types`, see `tidy`). */
  typeNumber(type: string): number {
    let number = this.typeNumbers.get(type);
    if (number === undefined) this.typeNumbers.set(type, (number = this.typeNumbers.size));
    return number;
  }

  /** The slot of (audience, type)'s list, or -1 when it was not stored (or was forgotten). */
  find(audience: number, type: number): number {
    const slots = this.slots;
    for (let slot = this.home(audience, type); ; slot = (slot + 1) & this.mask) {
      const at = slot * SLOT_INTS;
      const found = slots[at + AUDIENCE];
      if (found === audience && slots[at + TYPE] === type) return slot;
      if (found === NO_AUDIENCE) return -1;
    }
  }

  /** Where a slot's list starts in `candidates`. */
  start(slot: number): number {
    return this.slots[slot * SLOT_INTS + START];
  }

  /** Where a slot's list ends in `candidates` (exclusive). */
  end(slot: number): number {
    return this.slots[slot * SLOT_INTS + END];
  }

  /**
   * Stores (audience, type)'s list, which `find` did not find, at the end of the pool, and
   * returns its slot. May rebuild the table (slots move, ranges do not).
   */
  store(audience: number, type: number, candidates: readonly Filters<unknown>[]): number {
    if ((this.used + 1) * 2 > this.capacity) this.rebuild(false);
    const start = this.pool.length;
    appendCandidates(this.pool, candidates);
    const end = this.pool.length;
    this.used++;
    this.liveLists++;
    this.listsOf[audience]++;
    this.entriesOf[audience] += end - start;
    return this.insert(audience, type, start, end);
  }

  /**
   * Housekeeping that moves ranges, so it runs only when no caller holds any: starts over past
   * the limits, or compacts the pool once its garbage outweighs its live entries.
   */
  tidy(): void {
    const live = this.pool.length - this.garbage;
    if (
      this.typeNumbers.size > this.limits.types ||
      this.liveLists > this.limits.lists ||
      live > this.limits.poolEntries
    )
      this.clear();
    else if (this.garbage > live + COMPACTION_SLACK) this.rebuild(true);
  }

  /** Forgets every list and type number; audience numbers in use stay valid. */
  clear(): void {
    this.resize(MIN_SLOTS);
    this.used = 0;
    this.liveLists = 0;
    this.pool = emptyPool();
    this.garbage = 0;
    this.typeNumbers.clear();
    for (let number = 1; number < this.nextNumber; number++) {
      if (this.listsOf[number] === RETIRED) this.freeNumbers.push(number);
      this.listsOf[number] = 0;
      this.entriesOf[number] = 0;
    }
    this.retired = [];
  }

  /**
   * A new table sized for the live lists (at most a quarter full), without the retired
   * numbers' slots, whose numbers become reusable; with `compact`, a new pool holding only the
   * live lists too.
   */
  private rebuild(compact: boolean): void {
    const old = this.slots;
    const oldPool = this.pool;
    this.resize(slotsFor(this.liveLists));
    this.used = 0;
    const pool = compact ? emptyPool() : oldPool;
    for (let at = 0; at < old.length; at += SLOT_INTS) {
      const audience = old[at + AUDIENCE];
      if (audience === NO_AUDIENCE || this.listsOf[audience] === RETIRED) continue;
      let start = old[at + START];
      let end = old[at + END];
      if (compact) {
        const moved = pool.length;
        for (let i = start; i < end; i++) pool.push(oldPool[i]);
        start = moved;
        end = pool.length;
      }
      this.insert(audience, old[at + TYPE], start, end);
      this.used++;
    }
    if (compact) {
      this.pool = pool;
      this.garbage = 0;
    }
    for (const number of this.retired) {
      this.listsOf[number] = 0;
      this.entriesOf[number] = 0;
      this.freeNumbers.push(number);
    }
    this.retired = [];
  }

  private resize(slotCount: number): void {
    this.slots = new Int32Array(slotCount * SLOT_INTS);
    this.mask = slotCount - 1;
    this.shift = 32 - Math.log2(slotCount);
  }

  private insert(audience: number, type: number, start: number, end: number): number {
    const slots = this.slots;
    let slot = this.home(audience, type);
    while (slots[slot * SLOT_INTS + AUDIENCE] !== NO_AUDIENCE) slot = (slot + 1) & this.mask;
    const at = slot * SLOT_INTS;
    slots[at + AUDIENCE] = audience;
    slots[at + TYPE] = type;
    slots[at + START] = start;
    slots[at + END] = end;
    return slot;
  }

  /** Multiplicative hashing: the top bits of the mixed product pick the first slot to probe. */
  private home(audience: number, type: number): number {
    return (Math.imul(audience, 0x9e3779b1) ^ Math.imul(type, 0x85ebca77)) >>> this.shift;
  }
}

/** Slots for `lists` lists: a power of two, at most a quarter full, so lists can double first. */
function slotsFor(lists: number): number {
  let slots = MIN_SLOTS;
  while (slots < lists * 4) slots *= 2;
  return slots;
}

function grown(counts: Int32Array, index: number): Int32Array {
  let length = counts.length;
  while (length <= index) length *= 2;
  const copy = new Int32Array(length);
  copy.set(counts);
  return copy;
}
