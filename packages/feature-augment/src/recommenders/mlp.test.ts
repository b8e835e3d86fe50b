import { auc } from '@girl/core';
import { initBackend } from '@girl/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { LogisticRegression } from './logistic-regression.js';
import { MlpClassifier } from './mlp.js';

beforeAll(async () => {
  await initBackend('auto');
});

describe('MlpClassifier', () => {
  it('learns XOR, which logistic regression cannot', () => {
    let s = 11;
    const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const rows = Array.from({ length: 300 }, () => [r() * 2 - 1, r() * 2 - 1]);
    const labels = rows.map(([a, b]) => ((a as number) * (b as number) > 0 ? 1 : 0));
    const mlp = new MlpClassifier({ hidden: 16, steps: 400, seed: 1 }).fit(rows, labels);
    const lr = new LogisticRegression().fit(rows, labels);
    expect(auc(mlp.predictProba(rows), labels)).toBeGreaterThan(0.95);
    expect(auc(lr.predictProba(rows), labels)).toBeLessThan(0.7);
    mlp.dispose();
    expect(() => mlp.predictProba(rows)).toThrow(/call fit/);
  });
});
