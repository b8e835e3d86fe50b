import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeEachBackendAndGpu } from '../test-utils/each-backend.js';
import { expectCloseAsync, numericGradAsync, randn } from '../test-utils/close.js';
import { layerNorm } from './layer-norm.js';

function naive(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
}

describeEachBackendAndGpu('layerNorm', () => {
  it('normalises rows and matches the moments formulation, values and gradients', async () => {
    const x = randn([2, 3, 8], 31, 3);
    const g = randn([8], 32);
    const b = randn([8], 33);
    await expectCloseAsync(layerNorm(x, g, b), naive(x, g, b));
    const plain = layerNorm(x, tf.ones([8]), tf.zeros([8]));
    const rows = (await plain.array()) as number[][][];
    for (const row of rows.flat()) {
      const m = row.reduce((s, v) => s + v, 0) / row.length;
      expect(Math.abs(m)).toBeLessThan(1e-5);
    }
    const r = randn([2, 3, 8], 34);
    const ours = tf.grads((a: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => tf.sum(tf.mul(layerNorm(a, c, d), r)))([x, g, b]);
    const theirs = tf.grads((a: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => tf.sum(tf.mul(naive(a, c, d), r)))([x, g, b]);
    for (let i = 0; i < 3; i++) await expectCloseAsync(ours[i]!, theirs[i]!, 1e-4, 1e-3);
  });

  it('matches finite differences on the input', async () => {
    const x = randn([2, 5], 35, 2);
    const g = randn([5], 36);
    const b = randn([5], 37);
    const r = randn([2, 5], 38);
    const f = (t: tf.Tensor) => tf.sum(tf.mul(layerNorm(t, g, b), r)) as tf.Scalar;
    await expectCloseAsync(tf.grads(f)([x])[0]!, await numericGradAsync(f, x, 1e-2), 3e-2, 3e-2);
  });

  it('rejects a gain of the wrong size', async () => {
    expect(() => layerNorm(tf.ones([2, 4]), tf.ones([3]), tf.zeros([4]))).toThrow(/gain and bias must be \[4\]/);
  });
});
