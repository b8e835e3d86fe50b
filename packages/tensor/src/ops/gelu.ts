import * as tf from '@tensorflow/tfjs-core';
import { customOp } from './custom-op.js';

const C = Math.sqrt(2 / Math.PI);
const K = 0.044715;

/**
 * GELU with the tanh approximation (GPT-2's, PyTorch's `approximate='tanh'`):
 * `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`.
 *
 * Written without `pow` (slow on wasm) and with a hand-derived gradient, so the backward pass is a few
 * element-wise kernels instead of tfjs's chain of autodiff nodes.
 *
 * @example
 * ```ts
 * gelu(tf.tensor1d([-1, 0, 1])); // ≈ [-0.1588, 0, 0.8412]
 * ```
 */
export const gelu = customOp<[tf.Tensor]>((x, save) => {
  const x2 = tf.mul(x, x);
  const inner = tf.mul(tf.mul(x, tf.add(tf.mul(x2, K), 1)), C); // c·(x + k·x³)
  const t = tf.tanh(inner);
  save([x, t]);
  return {
    value: tf.mul(tf.mul(x, 0.5), tf.add(t, 1)),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sx, st] = saved as [tf.Tensor, tf.Tensor];
      // d/dx = 0.5·(1 + t) + 0.5·x·(1 − t²)·c·(1 + 3k·x²)
      const sech2 = tf.sub(1, tf.mul(st, st));
      const dInner = tf.mul(tf.add(tf.mul(tf.mul(sx, sx), 3 * K), 1), C);
      const grad = tf.add(tf.mul(tf.add(st, 1), 0.5), tf.mul(tf.mul(tf.mul(sx, 0.5), sech2), dInner));
      return [tf.mul(dy, grad)];
    },
  };
});
