import * as tf from '@tensorflow/tfjs-core';
import { customOp } from './custom-op.js';
import { nativeKernelsActive } from '../backend/native/native-backend.js';
import { GELU, GELU_GRAD } from '../backend/native/fused-kernels.js';

const C = Math.sqrt(2 / Math.PI);
const K = 0.044715;

// The tfjs path of gelu (see the exported function below).
const geluTfjs = customOp<[tf.Tensor]>((x, save) => {
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

const geluNative = customOp<[tf.Tensor]>((x, save) => {
  save([x]);
  return {
    value: tf.engine().runKernel(GELU, { x }) as tf.Tensor,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.engine().runKernel(GELU_GRAD, { x: saved[0] as tf.Tensor, dy }) as tf.Tensor],
  };
});

/**
 * GELU with the tanh approximation (GPT-2's, PyTorch's `approximate='tanh'`):
 * `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`.
 *
 * Written without `pow` (slow on wasm) and with a hand-derived gradient; on the `native` backend the
 * forward and backward passes are one fused kernel each.
 *
 * @example
 * ```ts
 * gelu(tf.tensor1d([-1, 0, 1])); // ≈ [-0.1588, 0, 0.8412]
 * ```
 */
export function gelu(x: tf.Tensor): tf.Tensor {
  return nativeKernelsActive() && x.dtype === 'float32' ? geluNative(x) : geluTfjs(x);
}
