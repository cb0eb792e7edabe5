/**
 * Tenant ids to positive numbers (the index's audience numbers), for the lookup every event
 * makes: one open addressing hash table in an Int32Array whose slots hold the id's characters
 * themselves, four Latin-1 characters to an int.
 *
 * Why not a `Map`: the matcher decodes every event from JSON, so each tenant id is a new string.
 * A `Map` then hashes it and compares it, character by character, with the stored key string,
 * a separate object: with thousands of tenants, that key, the map's bucket and its entry are
 * three dependent reads from outside the CPU caches (about 200 ns per event at 10,000 tenants).
 * Here each id is read once, while it is still in the cache, into `key` (packed) and its hash;
 * the comparison then takes one int per four characters and reads only the slot it probes: ids
 * of up to INLINE_CHARS characters never read anything else, longer ones read the rest of their
 * characters from `tails`.
 *
 * Ids with a character beyond Latin-1 (Herald's tenant ids are ASCII, but the index takes any
 * string) are kept in a plain `Map` instead; an id is always looked up where it would be stored.
 */
export class TenantNumbers {
  private slots = new Int32Array(MIN_SLOTS * SLOT_INTS);
  private mask = MIN_SLOTS - 1;
  private shift = HASH_BITS - Math.log2(MIN_SLOTS);
  private count = 0;
  /** The words beyond the inline ones of every longer id, one after another. */
  private tails = new Int32Array(64);
  private tailsLength = 0;
  /** Ints of `tails` no slot points at any more (dropped when the table is rebuilt). */
  private tailsGarbage = 0;
  /** The id being looked up, packed by `load`: four characters to an int, first in the low byte. */
  private key = new Int32Array(16);
  private readonly others = new Map<string, number>();

  /** How many ids are held. */
  get size(): number {
    return this.count + this.others.size;
  }

  /** The id's number, or 0 when it has none. */
  get(id: string): number {
    const hash = this.load(id);
    if (hash === NOT_LATIN1) return this.others.get(id) ?? 0;
    const slot = this.find(id.length, hash);
    return slot < 0 ? 0 : this.slots[slot * SLOT_INTS + NUMBER];
  }

  /** Gives the id a number (a positive int32), replacing the one it had. */
  set(id: string, number: number): void {
    if (!(Number.isInteger(number) && number > 0 && number <= 0x7fffffff))
      throw new RangeError(`a tenant number must be a positive int32, got ${number}`);
    const hash = this.load(id);
    if (hash === NOT_LATIN1) {
      this.others.set(id, number);
      return;
    }
    const found = this.find(id.length, hash);
    if (found >= 0) {
      this.slots[found * SLOT_INTS + NUMBER] = number;
      return;
    }
    if ((this.count + 1) * 2 > this.mask + 1) this.rebuild((this.mask + 1) * 2);
    const at = this.freeSlotFor(hash) * SLOT_INTS;
    const words = wordsFor(id.length);
    this.slots[at + HASH] = hash;
    this.slots[at + NUMBER] = number;
    this.slots[at + LENGTH] = id.length;
    this.slots.set(this.key.subarray(0, Math.min(words, INLINE_WORDS)), at + CHARS);
    this.slots[at + TAIL] = this.storeTail(words);
    this.count++;
  }

  /** Forgets the id's number; true if it had one. */
  delete(id: string): boolean {
    const hash = this.load(id);
    if (hash === NOT_LATIN1) return this.others.delete(id);
    const slot = this.find(id.length, hash);
    if (slot < 0) return false;
    this.tailsGarbage += tailWordsFor(id.length);
    this.empty(slot);
    this.count--;
    const slotCount = this.mask + 1;
    if (slotCount > MIN_SLOTS && this.count * 8 < slotCount) this.rebuild(slotCount / 2);
    return true;
  }

  /**
   * Packs the id into `key` and returns its hash: FNV-1a over the packed ints, finished with
   * murmur3's mixer so that the top bits, which pick the home slot, depend on every character.
   * HASH_BITS bits, or NOT_LATIN1 if any character is beyond Latin-1.
   */
  private load(id: string): number {
    const length = id.length;
    if (wordsFor(length) > this.key.length) this.key = new Int32Array(wordsFor(length) * 2);
    const key = this.key;
    let hash = 0x811c9dc5 ^ length;
    let every = 0;
    let word = 0;
    let i = 0;
    for (; i + 4 <= length; i += 4, word++) {
      const a = id.charCodeAt(i);
      const b = id.charCodeAt(i + 1);
      const c = id.charCodeAt(i + 2);
      const d = id.charCodeAt(i + 3);
      every |= a | b | c | d;
      const packed = a | (b << 8) | (c << 16) | (d << 24);
      key[word] = packed;
      hash = Math.imul(hash ^ packed, 0x01000193);
    }
    if (i < length) {
      let packed = 0;
      for (let j = length - 1; j >= i; j--) {
        const code = id.charCodeAt(j);
        every |= code;
        packed = (packed << 8) | code;
      }
      key[word] = packed;
      hash = Math.imul(hash ^ packed, 0x01000193);
    }
    if (every > 0xff) return NOT_LATIN1;
    hash ^= hash >>> 16;
    hash = Math.imul(hash, 0x85ebca6b);
    hash ^= hash >>> 13;
    hash = Math.imul(hash, 0xc2b2ae35);
    return (hash ^ (hash >>> 16)) >>> (32 - HASH_BITS);
  }

  /** The slot holding the id in `key` (of `length` characters, hashed to `hash`), or -1. */
  private find(length: number, hash: number): number {
    const slots = this.slots;
    for (let slot = hash >>> this.shift; ; slot = (slot + 1) & this.mask) {
      const at = slot * SLOT_INTS;
      if (slots[at + NUMBER] === 0) return -1;
      if (slots[at + HASH] === hash && slots[at + LENGTH] === length && this.holdsKey(at, length))
        return slot;
    }
  }

  /** Whether the slot at `at`, whose hash and length agree, holds exactly the id in `key`. */
  private holdsKey(at: number, length: number): boolean {
    const { slots, key } = this;
    const words = wordsFor(length);
    const inline = words < INLINE_WORDS ? words : INLINE_WORDS;
    for (let word = 0; word < inline; word++)
      if (slots[at + CHARS + word] !== key[word]) return false;
    const tails = this.tails;
    const tail = slots[at + TAIL] - INLINE_WORDS;
    for (let word = INLINE_WORDS; word < words; word++)
      if (tails[tail + word] !== key[word]) return false;
    return true;
  }

  /** The first empty slot probing from the hash's home slot. */
  private freeSlotFor(hash: number): number {
    let slot = hash >>> this.shift;
    while (this.slots[slot * SLOT_INTS + NUMBER] !== 0) slot = (slot + 1) & this.mask;
    return slot;
  }

  /**
   * Empties a slot without breaking any probe sequence (backward-shift deletion): each later
   * entry of the same run that may live in the hole (its home slot is not between the hole and
   * itself) moves into it, leaving its own slot as the next hole.
   */
  private empty(slot: number): void {
    const slots = this.slots;
    let hole = slot;
    for (let next = (hole + 1) & this.mask; ; next = (next + 1) & this.mask) {
      const at = next * SLOT_INTS;
      if (slots[at + NUMBER] === 0) break;
      const home = slots[at + HASH] >>> this.shift;
      const staysPut = hole <= next ? hole < home && home <= next : hole < home || home <= next;
      if (staysPut) continue;
      slots.copyWithin(hole * SLOT_INTS, at, at + SLOT_INTS);
      hole = next;
    }
    slots.fill(0, hole * SLOT_INTS, (hole + 1) * SLOT_INTS);
  }

  /** Copies the key's words beyond the inline ones into `tails`; returns where they start. */
  private storeTail(words: number): number {
    if (words <= INLINE_WORDS) return 0;
    const length = words - INLINE_WORDS;
    if (this.tailsLength + length > this.tails.length) {
      const grown = new Int32Array(Math.max(this.tails.length * 2, this.tailsLength + length));
      grown.set(this.tails.subarray(0, this.tailsLength));
      this.tails = grown;
    }
    const start = this.tailsLength;
    this.tails.set(this.key.subarray(INLINE_WORDS, words), start);
    this.tailsLength += length;
    return start;
  }

  /** Moves every entry into a table of `slotCount` slots, dropping the tails' garbage if any. */
  private rebuild(slotCount: number): void {
    const old = this.slots;
    const oldTails = this.tails;
    const compact = this.tailsGarbage > 0;
    this.slots = new Int32Array(slotCount * SLOT_INTS);
    this.mask = slotCount - 1;
    this.shift = HASH_BITS - Math.log2(slotCount);
    if (compact) {
      this.tails = new Int32Array(Math.max(64, this.tailsLength - this.tailsGarbage));
      this.tailsLength = 0;
      this.tailsGarbage = 0;
    }
    for (let from = 0; from < old.length; from += SLOT_INTS) {
      if (old[from + NUMBER] === 0) continue;
      const at = this.freeSlotFor(old[from + HASH]) * SLOT_INTS;
      this.slots.set(old.subarray(from, from + SLOT_INTS), at);
      const length = tailWordsFor(old[from + LENGTH]);
      if (!compact || length === 0) continue;
      const tail = old[from + TAIL];
      this.tails.set(oldTails.subarray(tail, tail + length), this.tailsLength);
      this.slots[at + TAIL] = this.tailsLength;
      this.tailsLength += length;
    }
  }
}

/** Ints per slot: hash, number, length, tail offset, then the first INLINE_WORDS packed ints. */
const SLOT_INTS = 8;
const HASH = 0;
/** 0 in an empty slot: numbers are positive. */
const NUMBER = 1;
const LENGTH = 2;
const TAIL = 3;
const CHARS = 4;
const INLINE_WORDS = SLOT_INTS - CHARS;
const MIN_SLOTS = 64;
/** Bits of a hash: 30, so that it is always a small integer in V8 (never a boxed number). */
const HASH_BITS = 30;
/** What `load` returns for an id not stored inline (never a hash: they are not negative). */
const NOT_LATIN1 = -1;

/** Ints that hold an id of `length` characters, four to an int. */
function wordsFor(length: number): number {
  return (length + 3) >> 2;
}

/** Ints of `tails` an id of `length` characters needs. */
function tailWordsFor(length: number): number {
  return Math.max(0, wordsFor(length) - INLINE_WORDS);
}
