import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeEachBackendAndGpu } from '../test-utils/each-backend.js';
import { expectCloseAsync, randn } from '../test-utils/close.js';
import { linear, matmul } from './matmul.js';

describeEachBackendAndGpu('matmul', () => {
  it('matches tf.matMul forward and its gradients', async () => {
    const a = randn([5, 7], 1);
    const b = randn([7, 3], 2);
    const r = randn([5, 3], 3); // random cotangent so every gradient entry matters
    await expectCloseAsync(matmul(a, b), tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D));
    const ours = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(matmul(x, y), r)))([a, b]);
    const ref = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D), r)))([a, b]);
    await expectCloseAsync(ours[0]!, ref[0]!);
    await expectCloseAsync(ours[1]!, ref[1]!);
  });

  it('rejects bad shapes with a message naming them', async () => {
    expect(() => matmul(tf.ones([2, 3]), tf.ones([4, 2]))).toThrow(/\[2,3\] @ \[4,2\]/);
    expect(() => matmul(tf.ones([2, 3, 1]), tf.ones([1, 2]))).toThrow(/2-D/);
  });

  it('linear handles [B, T, C] inputs and bias, with gradients', async () => {
    const x = randn([2, 3, 4], 4);
    const w = randn([4, 5], 5);
    const b = randn([5], 6);
    const y = linear(x, w, b);
    expect(y.shape).toEqual([2, 3, 5]);
    const ref = tf.add(tf.reshape(tf.matMul(tf.reshape(x, [6, 4]) as tf.Tensor2D, w as tf.Tensor2D), [2, 3, 5]), b);
    await expectCloseAsync(y, ref);
    const r = randn([2, 3, 5], 7);
    const g = tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.mul(linear(xx, ww, bb), r)))([x, w, b]);
    const gr = tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
      tf.sum(tf.mul(tf.add(tf.reshape(tf.matMul(tf.reshape(xx, [6, 4]) as tf.Tensor2D, ww as tf.Tensor2D), [2, 3, 5]), bb), r)),
    )([x, w, b]);
    for (let i = 0; i < 3; i++) await expectCloseAsync(g[i]!, gr[i]!);
    expect(() => linear(x, tf.ones([3, 5]))).toThrow(/weight must be \[4, D\]/);
  });
});
