import { describe, expect, it } from 'vitest';
import { auc } from '@girl/core';
import { LogisticRegression, logisticLossAndGrad } from './logistic-regression.js';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('LogisticRegression', () => {
  it('gradient matches finite differences', () => {
    const r = lcg(3);
    const x = Array.from({ length: 20 }, () => Float64Array.from({ length: 3 }, () => r() * 2 - 1));
    const y = x.map(() => (r() < 0.5 ? 1 : 0));
    const w = Float64Array.of(0.3, -0.7, 1.1, 0.2);
    const { grad } = logisticLossAndGrad(w, x, y, 0.1);
    for (let j = 0; j < w.length; j++) {
      const h = 1e-6;
      const wp = Float64Array.from(w);
      const wm = Float64Array.from(w);
      wp[j] = (wp[j] as number) + h;
      wm[j] = (wm[j] as number) - h;
      const num = (logisticLossAndGrad(wp, x, y, 0.1).loss - logisticLossAndGrad(wm, x, y, 0.1).loss) / (2 * h);
      expect(grad[j]).toBeCloseTo(num, 6);
    }
  });

  it('learns a separable toy problem and reaches a stationary point', () => {
    const r = lcg(7);
    const rows = Array.from({ length: 200 }, () => [r() * 4 - 2, r() * 4 - 2, 100 + r()]);
    const labels = rows.map(([a, b]) => ((a as number) + 2 * (b as number) > 0.3 ? 1 : 0));
    const lr = new LogisticRegression({ l2: 1e-3 }).fit(rows, labels);
    const p = lr.predictProba(rows);
    expect(auc(p, labels)).toBeGreaterThan(0.99);
    const acc = labels.filter((y, i) => (p[i] as number) > 0.5 === (y === 1)).length / labels.length;
    expect(acc).toBeGreaterThan(0.95);
    // first two weights have the sign and ratio of the true boundary; the noise column's weight is small
    expect(lr.weights[0]).toBeGreaterThan(0);
    expect((lr.weights[1] as number) / (lr.weights[0] as number)).toBeGreaterThan(1.3);
    expect(Math.abs(lr.weights[2] as number)).toBeLessThan(0.2 * (lr.weights[1] as number));
    expect(lr.iterations).toBeLessThan(50);
  });

  it('an all-zero weight model predicts the base rate after fitting labels without signal', () => {
    const rows = Array.from({ length: 40 }, () => [1]);
    const labels = rows.map((_, i) => (i < 10 ? 1 : 0));
    const lr = new LogisticRegression().fit(rows, labels);
    expect(lr.predictProba([[1]])[0]).toBeCloseTo(0.25, 4);
  });

  it('clear errors', () => {
    expect(() => new LogisticRegression().predictProba([[1]])).toThrow(/call fit/);
    expect(() => new LogisticRegression().fit([[1]], [1, 0])).toThrow(/1 rows but 2 labels/);
    const lr = new LogisticRegression().fit([[1, 2], [2, 1]], [0, 1]);
    expect(() => lr.predictProba([[1]])).toThrow(/fitted on 2/);
  });
});
