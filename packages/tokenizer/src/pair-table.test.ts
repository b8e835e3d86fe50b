import { describe, expect, it } from 'vitest';
import { NO_MERGE, PairTable } from './pair-table.js';

describe('PairTable', () => {
  it('finds stored pairs and misses others', () => {
    const t = new PairTable(1000);
    for (let r = 0; r < 1000; r++) t.set(r % 37, r, r, 5000 + r);
    expect(t.size).toBe(1000);
    for (let r = 0; r < 1000; r++) {
      const slot = t.find(r % 37, r);
      expect(slot).toBeGreaterThanOrEqual(0);
      expect(t.rank(slot)).toBe(r);
      expect(t.result(slot)).toBe(5000 + r);
    }
    expect(t.find(36, 0)).toBe(-1);
    expect(t.rankOf(1, 2)).toBe(NO_MERGE);
  });

  it('keeps the first rank set for a pair', () => {
    const t = new PairTable(2);
    t.set(1, 2, 0, 10);
    t.set(1, 2, 5, 11);
    expect(t.rankOf(1, 2)).toBe(0);
    expect(t.result(t.find(1, 2))).toBe(10);
  });
});
