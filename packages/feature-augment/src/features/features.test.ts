import { describe, expect, it } from 'vitest';
import { fitTfidf } from '@girl/reward';
import { fitBm25 } from './bm25.js';
import { cosine, skillOverlap } from './similarity.js';

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

describe('similarities', () => {
  it('cosine', () => {
    expect(cosine([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(cosine([0, 0], [1, 1])).toBe(0);
    expect(cosine([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(() => cosine([1], [1, 2])).toThrow(/same model/);
  });
  it('skill overlap', () => {
    expect(skillOverlap(['SQL', 'Python', 'Excel'], ['python', 'sql', 'Tableau', 'R'])).toEqual({ jaccard: 2 / 5, recall: 2 / 4, shared: 2 });
    expect(skillOverlap([], [])).toEqual({ jaccard: 0, recall: 0, shared: 0 });
  });
  it('TF-IDF cosine is @girl/reward\'s (same words → 1)', () => {
    const t = fitTfidf(['python data engineer', 'nurse care']);
    expect(t.cosine('python data engineer', 'engineer data python')).toBeCloseTo(1, 12);
    expect(t.cosine('python', 'nurse')).toBe(0);
  });
});
