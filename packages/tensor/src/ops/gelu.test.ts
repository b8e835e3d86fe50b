import { it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeEachBackendAndGpu } from '../test-utils/each-backend.js';
import { expectCloseAsync, numericGradAsync, randn } from '../test-utils/close.js';
import { gelu } from './gelu.js';

const ref = (x: number) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));

describeEachBackendAndGpu('gelu', () => {
  it('matches the tanh formula', async () => {
    const x = randn([64], 21, 4);
    await expectCloseAsync(gelu(x), Array.from((await x.data()), ref), 1e-5, 1e-4);
  });

  it('has the gradient of finite differences and of autodiff through the formula', async () => {
    const x = randn([3, 5], 22, 3);
    const r = randn([3, 5], 23);
    const f = (t: tf.Tensor) => tf.sum(tf.mul(gelu(t), r)) as tf.Scalar;
    const [g] = tf.grads(f)([x]);
    await expectCloseAsync(g!, await numericGradAsync(f, x), 2e-2, 2e-2);
    const naive = (t: tf.Tensor) => {
      const inner = tf.mul(tf.add(t, tf.mul(tf.mul(tf.mul(t, t), t), 0.044715)), Math.sqrt(2 / Math.PI));
      return tf.sum(tf.mul(tf.mul(tf.mul(t, 0.5), tf.add(tf.tanh(inner), 1)), r));
    };
    await expectCloseAsync(g!, tf.grads(naive)([x])[0]!, 1e-5, 1e-4);
  });
});
