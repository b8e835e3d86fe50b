import { describe, expect, it } from 'vitest';
import { auc, logLoss, meanStd, ndcgAtK } from './index.js';

describe('metrics', () => {
  it('meanStd', () => {
    expect(meanStd([1, 2, 3])).toEqual({ mean: 2, std: 1, min: 1, max: 3, n: 3 });
    expect(meanStd([5])).toEqual({ mean: 5, std: 0, min: 5, max: 5, n: 1 });
    expect(meanStd([NaN, 4]).mean).toBe(4);
  });
  it('re-exports AUC, log-loss and NDCG from @girl/core', () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    expect(logLoss([0.5, 0.5], [1, 0])).toBeCloseTo(Math.LN2, 12);
    expect(ndcgAtK([0.1, 0.5, 0.9], [0, 1, 1], 2)).toBeCloseTo(1, 12);
  });
});
