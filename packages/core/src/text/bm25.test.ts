import { describe, expect, it } from 'vitest';
import { fitBm25 } from './bm25.js';

describe('BM25 (hand-computed)', () => {
  // corpus: d1 = "aa bb" (len 2), d2 = "aa cc cc dd" (len 4); N = 2, avgdl = 3
  const bm25 = fitBm25(['aa bb', 'aa cc cc dd']);
  it('idf is Lucene-style and non-negative', () => {
    expect(bm25.idf('aa')).toBeCloseTo(Math.log(1 + 0.5 / 2.5), 12); // df = 2
    expect(bm25.idf('cc')).toBeCloseTo(Math.log(1 + 1.5 / 1.5), 12); // df = 1
    expect(bm25.idf('zz')).toBeCloseTo(Math.log(1 + 2.5 / 0.5), 12); // unseen
    expect(bm25.avgLength).toBe(3);
  });
  it('score of a query against a document', () => {
    const k1 = 1.2;
    const b = 0.75;
    const norm = k1 * (1 - b + (b * 4) / 3);
    const cc = (Math.log(2) * 2 * (k1 + 1)) / (2 + norm);
    const aa = (Math.log(1.2) * 1 * (k1 + 1)) / (1 + norm);
    expect(bm25.score('cc aa', 'aa cc cc dd')).toBeCloseTo(cc + aa, 12);
    // repeated query terms count again (rank_bm25 semantics)
    expect(bm25.score('cc cc', 'aa cc cc dd')).toBeCloseTo(2 * cc, 12);
    expect(bm25.score('zz', 'aa cc cc dd')).toBe(0);
    expect(bm25.score('', 'aa')).toBe(0);
  });
  it('rejects bad parameters', () => {
    expect(() => fitBm25([], { b: 2 })).toThrow(/b in \[0, 1\]/);
  });
});
