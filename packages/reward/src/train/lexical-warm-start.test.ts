import { describe, expect, it } from 'vitest';
import { fitLexicalHead } from './lexical-warm-start.js';
import { Rng } from '@girl/core';

/** Rows drawn from a known logistic model y ~ Bernoulli(σ(w·x + b)). */
function draw(w: number[], b: number, n: number, seed: number) {
  const rng = new Rng(seed);
  const features: Float32Array[] = [];
  const rows: { row: number; label: number; weight: number }[] = [];
  for (let i = 0; i < n; i++) {
    const x = Float32Array.from(w.map(() => rng.uniform() * 4 - 2));
    const z = w.reduce((s, wi, f) => s + wi * (x[f] as number), b);
    features.push(x);
    rows.push({ row: i, label: rng.uniform() < 1 / (1 + Math.exp(-z)) ? 1 : 0, weight: 1 });
  }
  return { features, rows };
}

describe('fitLexicalHead', () => {
  it('recovers the weights and bias of a known logistic model (pointwise)', () => {
    const { features, rows } = draw([1.5, -0.8], 0.4, 20_000, 3);
    const fit = fitLexicalHead({ features, rows, comparisons: [], l2: 0 });
    expect(fit.weights[0]).toBeCloseTo(1.5, 1);
    expect(fit.weights[1]).toBeCloseTo(-0.8, 1);
    expect(fit.bias).toBeCloseTo(0.4, 1);
    expect(fit.lossAfter).toBeLessThan(fit.lossBefore);
  });

  it('pairwise only: learns the direction that ranks chosen above rejected, and no bias', () => {
    const features = [Float32Array.from([1, 0]), Float32Array.from([0, 0]), Float32Array.from([0.8, 1]), Float32Array.from([0.1, 1]), Float32Array.from([0.2, 0]), Float32Array.from([0.6, 0])];
    const comparisons = [
      { chosen: 0, rejected: 1 },
      { chosen: 2, rejected: 3 },
      { chosen: 4, rejected: 5 }, // one comparison against the trend keeps the fit finite
    ];
    const fit = fitLexicalHead({ features, rows: [], comparisons });
    expect(fit.weights[0]).toBeGreaterThan(0.5);
    expect(Math.abs(fit.weights[1] as number)).toBeLessThan(1e-6); // feature 2 never differs within a comparison
    expect(fit.bias).toBe(0);
    expect(fit.lossAfter).toBeLessThan(fit.lossBefore);
  });

  it('no features or no units: zeros, no crash', () => {
    expect(fitLexicalHead({ features: [], rows: [], comparisons: [] })).toMatchObject({ weights: [], bias: 0 });
    expect(fitLexicalHead({ features: [Float32Array.from([1])], rows: [], comparisons: [] }).weights).toEqual([0]);
  });
});
