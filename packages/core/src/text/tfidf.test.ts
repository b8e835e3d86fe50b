import { describe, expect, it } from 'vitest';
import { fitTfidf, tfidfCosine, tfidfTokens } from './tfidf.js';

describe('tfidf', () => {
  it('tokenises like scikit-learn: lower case, 2+ word characters', () => {
    expect(tfidfTokens('A Python/SQL dev, 5 yrs — café')).toEqual(['python', 'sql', 'dev', 'yrs', 'café']);
  });
  it('uses smooth IDF ln((1 + n) / (1 + df)) + 1 over distinct documents', () => {
    const m = fitTfidf(['aa bb', 'aa cc', 'aa cc']); // duplicate counted once: n = 2
    expect(m.documents).toBe(2);
    expect(m.idf('aa')).toBeCloseTo(Math.log(3 / 3) + 1, 12); // df 2
    expect(m.idf('bb')).toBeCloseTo(Math.log(3 / 2) + 1, 12); // df 1
    expect(m.idf('zz')).toBeCloseTo(Math.log(3 / 1) + 1, 12); // unseen
  });
  it('computes the cosine of L2-normalised TF-IDF vectors (hand-computed)', () => {
    const m = fitTfidf(['aa bb', 'aa cc']);
    const ia = 1;
    const ib = Math.log(1.5) + 1;
    // 'aa bb' = (ia, ib, 0), 'aa cc' = (ia, 0, ib): cosine = ia² / (ia² + ib²)
    expect(m.cosine('aa bb', 'aa cc')).toBeCloseTo((ia * ia) / (ia * ia + ib * ib), 12);
    expect(m.cosine('aa bb', 'bb aa')).toBeCloseTo(1, 12);
    expect(m.cosine('', 'aa')).toBe(0);
  });
  it('tfidfCosine fits on the rows by default, or on given texts', () => {
    const rows = [
      { cv: 'python sql spark', jd: 'python spark engineer' },
      { cv: 'nurse triage care', jd: 'python spark engineer' },
    ];
    const s = tfidfCosine(rows);
    expect(s[0]).toBeGreaterThan(s[1] as number);
    expect(s[1]).toBe(0);
    const other = tfidfCosine(rows, { fitOn: ['python', 'spark'] });
    expect(other[0]).not.toBeCloseTo(s[0] as number, 6);
  });
});
