import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeEachBackendAndGpu } from '../test-utils/each-backend.js';
import { expectCloseAsync, randn } from '../test-utils/close.js';
import { entropyFromLogits, logProbOfLabels } from './log-probs.js';
import { maskedMean, maskedVar, maskedWhiten } from './masked.js';

describeEachBackendAndGpu('RL helpers', () => {
  it('logProbOfLabels equals log-softmax at the label, and its gradient works', async () => {
    const logits = randn([2, 3, 5], 61, 2);
    const labels = tf.tensor2d([[0, 4, 2], [1, 1, 3]], [2, 3], 'int32');
    const lg = (await logits.array()) as number[][][];
    const want: number[] = [];
    [[0, 4, 2], [1, 1, 3]].forEach((row, b) => row.forEach((y, t) => {
      const r = lg[b]![t]!;
      const lse = Math.log(r.reduce((s, v) => s + Math.exp(v), 0));
      want.push(r[y]! - lse);
    }));
    await expectCloseAsync(logProbOfLabels(logits, labels), want, 1e-5);
    const [g] = tf.grads((l: tf.Tensor) => tf.sum(logProbOfLabels(l, labels)))([logits]);
    // d/dlogits of Σ log p(label) = onehot − softmax: each row sums to 0
    const sums = (await tf.sum(g!, -1).data());
    for (const s of sums) expect(Math.abs(s)).toBeLessThan(1e-5);
    expect(() => logProbOfLabels(logits, tf.tensor1d([1, 2], 'int32'))).toThrow(/must match/);
  });

  it('entropyFromLogits: uniform is log V, one-hot-like is ~0', async () => {
    await expectCloseAsync(entropyFromLogits(tf.zeros([2, 4])), [Math.log(4), Math.log(4)], 1e-5);
    expect((await entropyFromLogits(tf.tensor2d([[100, 0, 0]])).data())[0]).toBeLessThan(1e-6);
  });

  it('maskedMean / maskedVar / maskedWhiten match hand values', async () => {
    const x = tf.tensor2d([[1, 2, 3], [4, 100, 100]]);
    const m = tf.tensor2d([[1, 1, 1], [1, 0, 0]]);
    expect((await maskedMean(x, m).data())[0]).toBeCloseTo(2.5, 6);
    await expectCloseAsync(maskedMean(x, m, 1), [2, 4]);
    // values 1,2,3,4: mean 2.5, unbiased variance 5/3
    expect((await maskedVar(x, m).data())[0]).toBeCloseTo(5 / 3, 5);
    expect((await maskedVar(x, m, false).data())[0]).toBeCloseTo(1.25, 5);
    const w = (await maskedWhiten(x, m).data());
    const sd = Math.sqrt(5 / 3 + 1e-8);
    await expectCloseAsync([w[0]!, w[1]!, w[2]!, w[3]!], [1, 2, 3, 4].map((v) => (v - 2.5) / sd), 1e-5);
    const ws = (await maskedWhiten(x, m, false).data());
    expect(ws[0]).toBeCloseTo((1 - 2.5) / sd + 2.5, 5);
    expect(() => maskedMean(x, tf.ones([3]))).toThrow(/mask/);
  });
});
