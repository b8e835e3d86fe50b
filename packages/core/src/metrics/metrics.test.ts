import { describe, expect, it } from 'vitest';
import { accuracy, auc, expectedCalibrationError, logLoss, pairwiseAccuracy, pairwiseComparisons, sigmoid } from './index.js';

describe('auc', () => {
  it('counts the share of (positive, negative) pairs ordered correctly', () => {
    // pos {0.35, 0.8} vs neg {0.1, 0.4}: 0.35>0.1 ✓, 0.35>0.4 ✗, 0.8>0.1 ✓, 0.8>0.4 ✓ → 3/4
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
  });
  it('counts ties as one half', () => {
    // pos {0.5, 0.9} vs neg {0.5, 0.2}: tie ½ + 1 + 1 + 1 = 3.5 of 4
    expect(auc([0.5, 0.5, 0.2, 0.9], [1, 0, 0, 1])).toBeCloseTo(0.875, 12);
    expect(auc([3, 3, 3, 3], [1, 0, 1, 0])).toBe(0.5);
  });
  it('is 1 for a perfect ranking, 0 for a reversed one, NaN with one class', () => {
    expect(auc([1, 2, 3], [0, 1, 1])).toBe(1);
    expect(auc([3, 2, 1], [0, 1, 1])).toBe(0);
    expect(auc([1, 2], [1, 1])).toBeNaN();
  });
  it('depends only on the order (logits and probabilities agree)', () => {
    const logits = [-2, 0.3, 1.1, -0.4, 2.5, 0.3];
    const labels = [0, 1, 1, 0, 1, 0];
    expect(auc(logits.map(sigmoid), labels)).toBeCloseTo(auc(logits, labels), 12);
  });
  it('rejects arrays of different lengths', () => {
    expect(() => auc([1, 2], [1])).toThrow(/one label per score/);
  });
});

describe('accuracy and logLoss', () => {
  it('accuracy thresholds at 0.5 by default, at any value when asked', () => {
    expect(accuracy([0.9, 0.2, 0.6, 0.4], [1, 0, 0, 0])).toBe(0.75);
    expect(accuracy([2.1, -0.3, 0.2], [1, 0, 0], 0)).toBeCloseTo(2 / 3, 12);
  });
  it('logLoss is the mean negative log-likelihood', () => {
    expect(logLoss([0.5, 0.5], [1, 0])).toBeCloseTo(Math.LN2, 12);
    expect(logLoss([0.9, 0.2], [1, 0])).toBeCloseTo((-Math.log(0.9) - Math.log(0.8)) / 2, 12);
    expect(Number.isFinite(logLoss([0], [1]))).toBe(true); // clipped, not Infinity
  });
  it('sigmoid is stable at the extremes', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(2)).toBeCloseTo(1 / (1 + Math.exp(-2)), 15);
  });
});

describe('expectedCalibrationError', () => {
  it('weights each bin’s |mean p − mean y| by its share of rows', () => {
    // bin 2: p̄ 0.2, ȳ 0 → 0.2 (1 row); bin 8: p̄ 0.8, ȳ 0.5 → 0.3 (2 rows)
    expect(expectedCalibrationError([0.2, 0.8, 0.8], [0, 1, 0])).toBeCloseTo((0.2 + 2 * 0.3) / 3, 12);
  });
  it('puts p = 1 in the last bin and honours the bin count', () => {
    // 2 bins: [0, 0.5) holds 0 (ȳ 0) → 0; [0.5, 1] holds 0.5 and 1 (p̄ 0.75, ȳ 1) → 0.25 · 2/3
    expect(expectedCalibrationError([0, 0.5, 1], [0, 1, 1], 2)).toBeCloseTo(0.25 * (2 / 3), 12);
  });
  it('is 0 for calibrated bins and rejects logits', () => {
    expect(expectedCalibrationError([0.25, 0.25, 0.25, 0.25], [1, 0, 0, 0])).toBeCloseTo(0, 12);
    expect(() => expectedCalibrationError([1.5], [1])).toThrow(/not in \[0, 1\]/);
  });
});

describe('pairwiseAccuracy', () => {
  it('compares positives and negatives within each group only', () => {
    expect(pairwiseComparisons([0.9, 0.1, 0.3, 0.5], [1, 0, 1, 0], ['a', 'a', 'b', 'b'])).toEqual({ accuracy: 0.5, comparisons: 2, groups: 2 });
    // across groups 0.9 would beat 0.5, but it is never compared with it
  });
  it('counts ties one half and every positive × negative in a group', () => {
    expect(pairwiseAccuracy([2, 1, 0, 0], [1, 0, 1, 0], ['jd1', 'jd1', 'jd2', 'jd2'])).toBe(0.75);
    // group g: pos {3, 1} × neg {2}: 3>2 ✓, 1>2 ✗ → 1/2
    expect(pairwiseComparisons([3, 1, 2], [1, 1, 0], ['g', 'g', 'g'])).toEqual({ accuracy: 0.5, comparisons: 2, groups: 1 });
  });
  it('skips groups without both labels; NaN when no comparison exists', () => {
    expect(pairwiseComparisons([1, 2], [1, 1], ['a', 'b'])).toEqual({ accuracy: NaN, comparisons: 0, groups: 0 });
  });
});
