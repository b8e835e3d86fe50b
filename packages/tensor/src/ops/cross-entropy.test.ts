import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeEachBackendAndGpu } from '../test-utils/each-backend.js';
import { expectCloseAsync, randn } from '../test-utils/close.js';
import { crossEntropy } from './cross-entropy.js';

describeEachBackendAndGpu('crossEntropy', () => {
  const logits = () => randn([4, 6], 41, 3);
  const labels = () => tf.tensor1d([0, 5, 2, 2], 'int32');

  it('equals the mean masked negative log-likelihood computed by hand', async () => {
    const lg = (await logits().array()) as number[][];
    const lab = [0, 5, 2, 2];
    const mask = [1, 1, 0, 1];
    let total = 0;
    lab.forEach((y, i) => {
      const row = lg[i]!;
      const mx = Math.max(...row);
      const lse = mx + Math.log(row.reduce((s, v) => s + Math.exp(v - mx), 0));
      total += mask[i]! * (lse - row[y]!);
    });
    const got = (await crossEntropy(logits(), labels(), tf.tensor1d(mask)).data())[0]!;
    expect(got).toBeCloseTo(total / 3, 5);
  });

  it('has the gradient of autodiff through logSoftmax', async () => {
    const mask = tf.tensor1d([1, 0, 1, 1]);
    const ours = tf.grads((l: tf.Tensor) => crossEntropy(l, labels(), mask))([logits()])[0]!;
    const ref = tf.grads((l: tf.Tensor) =>
      tf.div(tf.neg(tf.sum(tf.mul(tf.sum(tf.mul(tf.logSoftmax(l), tf.oneHot(labels(), 6)), -1), mask))), tf.sum(mask)),
    )([logits()])[0]!;
    await expectCloseAsync(ours, ref, 1e-5, 1e-4);
  });

  it('accepts [B, T, V] logits with [B, T] labels and rejects mismatches', async () => {
    const l3 = tf.reshape(logits(), [2, 2, 6]);
    const y2 = tf.reshape(labels(), [2, 2]);
    expect((await crossEntropy(l3, y2).data())[0]).toBeCloseTo((await crossEntropy(logits(), labels()).data())[0]!, 6);
    expect(() => crossEntropy(logits(), tf.tensor1d([1, 2], 'int32'))).toThrow(/do not match/);
    expect(() => crossEntropy(logits(), tf.tensor1d([1, 2, 3, 4]))).toThrow(/int32/);
  });
});
