import { describe, expect, it } from 'vitest';
import { meanOverGroups, ndcgAtK, recallAtK } from './ranking.js';

describe('ranking metrics (hand-computed)', () => {
  it('ndcgAtK', () => {
    // ranked rels [0, 1, 1]: DCG = 1/log2 3 + 1/log2 4; ideal = 1 + 1/log2 3
    const dcg = 1 / Math.log2(3) + 0.5;
    const ideal = 1 + 1 / Math.log2(3);
    expect(ndcgAtK([0.9, 0.5, 0.1], [0, 1, 1], 3)).toBeCloseTo(dcg / ideal, 12);
    expect(ndcgAtK([0.9, 0.5, 0.1], [0, 1, 1], 1)).toBe(0);
    expect(ndcgAtK([0.1, 0.5, 0.9], [0, 1, 1], 2)).toBeCloseTo(1, 12);
    // k = 2: top two are [rel 0, rel 1] → (1/log2 3) / (1 + 1/log2 3)
    expect(ndcgAtK([0.9, 0.5, 0.1], [0, 1, 1], 2)).toBeCloseTo(1 / Math.log2(3) / ideal, 12);
    expect(ndcgAtK([1, 2], [0, 0], 2)).toBeNaN();
    expect(() => ndcgAtK([1], [1], 0)).toThrow(/positive integer/);
    expect(() => ndcgAtK([1, 2], [1], 1)).toThrow(/one label per score/);
  });
  it('ties are broken by input order', () => {
    expect(ndcgAtK([1, 1], [0, 1], 1)).toBe(0);
    expect(ndcgAtK([1, 1], [1, 0], 1)).toBe(1);
  });
  it('recallAtK', () => {
    expect(recallAtK([0.9, 0.5, 0.1], [0, 1, 1], 2)).toBe(0.5);
    expect(recallAtK([0.9, 0.5, 0.1], [0, 1, 1], 3)).toBe(1);
    expect(recallAtK([0.9, 0.5, 0.1], [1, 0, 0], 1)).toBe(1);
    expect(recallAtK([0.9], [0], 1)).toBeNaN();
  });
  it('meanOverGroups skips queries without a relevant item', () => {
    const r = meanOverGroups(recallAtK, [0.9, 0.1, 0.3, 0.8, 0.5], [0, 1, 0, 1, 0], ['a', 'a', 'b', 'b', 'c'], 1);
    expect(r).toEqual({ value: 0.5, count: 2 });
  });
});
