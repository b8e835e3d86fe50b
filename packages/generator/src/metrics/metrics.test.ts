import { describe, expect, it } from 'vitest';
import { lcsLength, meanRougeL, rougeL, rougeTokens } from './rouge.js';
import { unigramCrossEntropy } from './unigram.js';

describe('ROUGE-L', () => {
  it('matches hand-computed values', () => {
    expect(rougeTokens('Senior Data-Engineer, 上海!')).toEqual(['senior', 'data', 'engineer', '上海']);
    expect(lcsLength(['a', 'b', 'c', 'd'], ['a', 'c', 'd', 'e'])).toBe(3);
    const r = rougeL('the cat sat on the mat', 'the cat is on the mat');
    expect(r.precision).toBeCloseTo(5 / 6, 12);
    expect(r.f1).toBeCloseTo(5 / 6, 12);
    const s = rougeL('police killed the gunman', 'the gunman was shot by police');
    // LCS = "the gunman" (2): P = 2/4, R = 2/6
    expect(s.precision).toBeCloseTo(0.5, 12);
    expect(s.recall).toBeCloseTo(1 / 3, 12);
    expect(rougeL('', 'x').f1).toBe(0);
    expect(meanRougeL(['a b', 'c'], ['a b', 'd'])).toBeCloseTo(0.5, 12);
    expect(() => meanRougeL(['a'], [])).toThrow(/references/);
  });
});

describe('unigram baseline', () => {
  it('is the smoothed unigram cross-entropy', () => {
    // counts {1: 2, 2: 1}, V = 3, alpha = 1: p(1) = 3/6, p(2) = 2/6
    expect(unigramCrossEntropy([[1, 1, 2]], [[1, 2]], 3)).toBeCloseTo(-(Math.log(0.5) + Math.log(1 / 3)) / 2, 12);
    expect(() => unigramCrossEntropy([[1]], [[]], 3)).toThrow(/no validation/);
  });
});
