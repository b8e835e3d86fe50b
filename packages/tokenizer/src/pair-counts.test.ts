import { describe, expect, it } from 'vitest';
import { PairCounts } from './pair-counts.js';

describe('PairCounts', () => {
  it('counts, notes chunks and survives growth', () => {
    const c = new PairCounts(4);
    const big = 2 ** 40 + 5; // keys above 2^32 work too
    for (let k = 0; k < 5000; k++) {
      c.add(c.slot(k * 7919), k);
      c.note(c.slot(k * 7919), k);
      c.note(c.slot(k * 7919), k); // consecutive duplicates are skipped
    }
    c.add(c.slot(big), 9);
    for (let k = 0; k < 5000; k++) {
      const s = c.slot(k * 7919);
      expect(c.count(s)).toBe(k);
      expect(c.key(s)).toBe(k * 7919);
      expect(c.chunks(s)).toEqual([k]);
    }
    expect(c.count(c.slot(big))).toBe(9);
    let positive = 0;
    c.forEachPositive(() => positive++);
    expect(positive).toBe(5000); // key 0 has count 0
  });

  it('marks a slot once per stamp and clears chunk lists', () => {
    const c = new PairCounts();
    const s = c.slot(1);
    expect(c.mark(s, 0)).toBe(true);
    expect(c.mark(s, 0)).toBe(false);
    expect(c.mark(s, 1)).toBe(true);
    c.note(s, 3);
    c.clearChunks(s);
    expect(c.chunks(s)).toEqual([]);
  });
});
