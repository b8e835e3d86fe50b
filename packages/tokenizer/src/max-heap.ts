/**
 * A binary max-heap of `(priority, key)` number pairs: highest priority first, smallest key on ties.
 * Used by the trainer as a priority queue of pair counts with lazy invalidation (stale entries stay in
 * the heap and are skipped when popped).
 *
 * @example
 * ```ts
 * const h = new MaxHeap();
 * h.push(3, 10); h.push(5, 7); h.push(5, 2);
 * h.pop(); // true: h.topPriority === 5, h.topKey === 2
 * ```
 */
export class MaxHeap {
  private pri: number[] = [];
  private keys: number[] = [];
  /** Priority of the entry removed by the last successful {@link pop}. */
  topPriority = 0;
  /** Key of the entry removed by the last successful {@link pop}. */
  topKey = 0;

  /** Number of entries, stale ones included. */
  get size(): number {
    return this.pri.length;
  }

  private before(p1: number, k1: number, p2: number, k2: number): boolean {
    return p1 > p2 || (p1 === p2 && k1 < k2);
  }

  /** Adds an entry. */
  push(priority: number, key: number): void {
    const pri = this.pri;
    const keys = this.keys;
    let i = pri.length;
    pri.push(priority);
    keys.push(key);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(priority, key, pri[parent]!, keys[parent]!)) break;
      pri[i] = pri[parent]!;
      keys[i] = keys[parent]!;
      i = parent;
    }
    pri[i] = priority;
    keys[i] = key;
  }

  /** Removes the top entry into {@link topPriority}/{@link topKey}; returns false if the heap was empty. */
  pop(): boolean {
    const pri = this.pri;
    const keys = this.keys;
    if (pri.length === 0) return false;
    this.topPriority = pri[0]!;
    this.topKey = keys[0]!;
    const lastP = pri.pop()!;
    const lastK = keys.pop()!;
    const n = pri.length;
    if (n === 0) return true;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.before(pri[c + 1]!, keys[c + 1]!, pri[c]!, keys[c]!)) c++;
      if (!this.before(pri[c]!, keys[c]!, lastP, lastK)) break;
      pri[i] = pri[c]!;
      keys[i] = keys[c]!;
      i = c;
    }
    pri[i] = lastP;
    keys[i] = lastK;
    return true;
  }
}
