/**
 * An open-addressing hash table from a pair of token ids `(a, b)` to a merge: its rank (lower merges
 * first) and the id it produces. Typed arrays and integer hashing keep the BPE inner loop free of
 * string keys and boxed numbers.
 *
 * @example
 * ```ts
 * const t = new PairTable(2);
 * t.set(104, 105, 0, 256); // merge 0: (h, i) -> 256
 * t.find(104, 105);        // slot >= 0; t.rank(slot) === 0, t.result(slot) === 256
 * t.find(1, 2);            // -1
 * ```
 */
export class PairTable {
  private readonly mask: number;
  private readonly keysA: Int32Array;
  private readonly keysB: Int32Array;
  private readonly ranks: Int32Array;
  private readonly results: Int32Array;
  private count = 0;

  /** Creates a table sized for `capacity` merges. */
  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    this.keysA = new Int32Array(size).fill(-1);
    this.keysB = new Int32Array(size);
    this.ranks = new Int32Array(size);
    this.results = new Int32Array(size);
  }

  private static hash(a: number, b: number): number {
    return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) >>> 0;
  }

  /** Adds the merge `(a, b) -> result` with `rank`; the first rank set for a pair wins. */
  set(a: number, b: number, rank: number, result: number): void {
    if (this.count * 2 >= this.mask + 1) throw new RangeError('PairTable is full');
    let slot = PairTable.hash(a, b) & this.mask;
    for (;;) {
      const ka = this.keysA[slot]!;
      if (ka === -1) break;
      if (ka === a && this.keysB[slot] === b) return;
      slot = (slot + 1) & this.mask;
    }
    this.keysA[slot] = a;
    this.keysB[slot] = b;
    this.ranks[slot] = rank;
    this.results[slot] = result;
    this.count++;
  }

  /** The slot holding `(a, b)`, or -1 if the pair never merges. */
  find(a: number, b: number): number {
    let slot = PairTable.hash(a, b) & this.mask;
    for (;;) {
      const ka = this.keysA[slot]!;
      if (ka === a && this.keysB[slot] === b) return slot;
      if (ka === -1) return -1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The rank of `(a, b)`, or `Infinity`-like `0x7fffffff` if the pair never merges. */
  rankOf(a: number, b: number): number {
    const slot = this.find(a, b);
    return slot < 0 ? NO_MERGE : this.ranks[slot]!;
  }

  /** The rank stored in `slot`. */
  rank(slot: number): number {
    return this.ranks[slot]!;
  }

  /** The merged id stored in `slot`. */
  result(slot: number): number {
    return this.results[slot]!;
  }

  /** Number of merges held. */
  get size(): number {
    return this.count;
  }
}

/** The rank reported for a pair that never merges. */
export const NO_MERGE = 0x7fffffff;
