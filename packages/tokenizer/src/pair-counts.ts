/**
 * Counts per pair key for the trainer: an open-addressing hash table from a non-negative integer key
 * (`a * K + b`) to a count and a list of the chunks that hold the pair. Typed arrays instead of a `Map`
 * keep the hot loop of training free of hashing overhead and boxed values. Entries are never removed
 * (a pair that disappears keeps count 0), which keeps probing simple.
 *
 * @example
 * ```ts
 * const c = new PairCounts();
 * const s = c.slot(42);   // creates the entry
 * c.add(s, 3); c.count(s); // 3
 * c.note(s, 7); c.chunks(s); // [7]
 * ```
 */
export class PairCounts {
  private keys: Float64Array;
  private counts: Float64Array;
  private lists: (number[] | undefined)[];
  private stamps: Int32Array;
  private mask: number;
  private used = 0;

  constructor(capacity = 1 << 16) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    this.keys = new Float64Array(size).fill(-1);
    this.counts = new Float64Array(size);
    this.lists = new Array<number[] | undefined>(size);
    this.stamps = new Int32Array(size).fill(-1);
  }

  private static hash(key: number): number {
    // Keys may exceed 2^32 for very large vocabularies; fold the high part in.
    const lo = key >>> 0;
    const hi = (key / 4294967296) >>> 0;
    return Math.imul(lo ^ Math.imul(hi, 0x85ebca77), 0x9e3779b1) >>> 0;
  }

  /** The slot of `key`, created with count 0 if absent. Slots stay valid until the next call that creates an entry. */
  slot(key: number): number {
    let s = PairCounts.hash(key) & this.mask;
    for (;;) {
      const k = this.keys[s]!;
      if (k === key) return s;
      if (k === -1) break;
      s = (s + 1) & this.mask;
    }
    if ((this.used + 1) * 2 > this.mask + 1) {
      this.grow();
      return this.slot(key);
    }
    this.keys[s] = key;
    this.used++;
    return s;
  }

  private grow(): void {
    const { keys, counts, lists, stamps } = this;
    const size = (this.mask + 1) * 2;
    this.mask = size - 1;
    this.keys = new Float64Array(size).fill(-1);
    this.counts = new Float64Array(size);
    this.lists = new Array<number[] | undefined>(size);
    this.stamps = new Int32Array(size).fill(-1);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (key === -1) continue;
      let s = PairCounts.hash(key) & this.mask;
      while (this.keys[s] !== -1) s = (s + 1) & this.mask;
      this.keys[s] = key;
      this.counts[s] = counts[i]!;
      this.lists[s] = lists[i];
      this.stamps[s] = stamps[i]!;
    }
  }

  /** The key stored in `slot`. */
  key(slot: number): number {
    return this.keys[slot]!;
  }

  /** The count in `slot`. */
  count(slot: number): number {
    return this.counts[slot]!;
  }

  /** Adds `delta` to the count in `slot`. */
  add(slot: number, delta: number): void {
    this.counts[slot]! += delta;
  }

  /** Records that chunk `w` holds the pair (skipped if `w` was the last one noted). */
  note(slot: number, w: number): void {
    const list = this.lists[slot];
    if (!list) this.lists[slot] = [w];
    else if (list[list.length - 1] !== w) list.push(w);
  }

  /** The chunks noted for `slot` (may hold chunks that no longer contain the pair). */
  chunks(slot: number): readonly number[] {
    return this.lists[slot] ?? [];
  }

  /** Forgets the chunk list of `slot` (when its count reaches 0). */
  clearChunks(slot: number): void {
    this.lists[slot] = undefined;
  }

  /** Marks `slot` with `stamp`; returns true if it was not already marked with it. */
  mark(slot: number, stamp: number): boolean {
    if (this.stamps[slot] === stamp) return false;
    this.stamps[slot] = stamp;
    return true;
  }

  /** Calls `fn(slot)` for every entry with a positive count. */
  forEachPositive(fn: (slot: number) => void): void {
    for (let s = 0; s <= this.mask; s++) if (this.keys[s] !== -1 && this.counts[s]! > 0) fn(s);
  }
}
