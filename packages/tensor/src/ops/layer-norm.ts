import * as tf from '@tensorflow/tfjs-core';
import { customOp } from './custom-op.js';
import { nativeKernelsActive } from '../backend/native/native-backend.js';
import { LAYER_NORM, LAYER_NORM_GRAD } from '../backend/native/fused-kernels.js';

/**
 * Layer normalisation over the last axis: `(x − mean) / √(var + eps) · gain + bias`.
 *
 * The gradient is written by hand (the standard closed form), which is both exact and much cheaper than
 * autodiff through `moments`:
 * `dx = rstd · (dx̂ − mean(dx̂) − x̂ · mean(dx̂ · x̂))` with `dx̂ = dy · gain`.
 *
 * @param x `[..., C]`
 * @param gain `[C]`
 * @param bias `[C]`
 * @param eps added to the variance; default `1e-5` (GPT-2's and PyTorch's).
 * @example
 * ```ts
 * const y = layerNorm(x, tf.ones([C]), tf.zeros([C])); // each row: mean 0, variance ≈ 1
 * ```
 */
export function layerNorm(x: tf.Tensor, gain: tf.Tensor, bias: tf.Tensor, eps = 1e-5): tf.Tensor {
  const c = x.shape[x.rank - 1] as number;
  if (gain.rank !== 1 || gain.shape[0] !== c || bias.rank !== 1 || bias.shape[0] !== c) {
    throw new Error(`layerNorm: gain and bias must be [${c}] for input [${x.shape}], got [${gain.shape}] and [${bias.shape}]`);
  }
  if (nativeKernelsActive() && x.dtype === 'float32') return layerNormNative(x, gain, bias, eps);
  const f = customOp<[tf.Tensor, tf.Tensor, tf.Tensor]>((xi, g, b, save) => {
    const mean = tf.mean(xi, -1, true);
    const xc = tf.sub(xi, mean);
    const variance = tf.mean(tf.mul(xc, xc), -1, true);
    const rstd = tf.rsqrt(tf.add(variance, eps));
    const xhat = tf.mul(xc, rstd);
    save([xhat, rstd, g]);
    return {
      value: tf.add(tf.mul(xhat, g), b),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sxhat, srstd, sg] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
        const dy2 = tf.reshape(dy, [-1, c]);
        const dgain = tf.sum(tf.mul(dy2, tf.reshape(sxhat, [-1, c])), 0);
        const dbias = tf.sum(dy2, 0);
        const dxhat = tf.mul(dy, sg);
        const m1 = tf.mean(dxhat, -1, true);
        const m2 = tf.mean(tf.mul(dxhat, sxhat), -1, true);
        const dx = tf.mul(srstd, tf.sub(tf.sub(dxhat, m1), tf.mul(sxhat, m2)));
        return [dx, dgain, dbias];
      },
    };
  });
  return f(x, gain, bias);
}

/** `native` backend: one fused kernel forward and one backward, over `[rows, C]`. */
function layerNormNative(x: tf.Tensor, gain: tf.Tensor, bias: tf.Tensor, eps: number): tf.Tensor {
  const c = x.shape[x.rank - 1] as number;
  const f = customOp<[tf.Tensor, tf.Tensor, tf.Tensor]>((xi, g, b, save) => {
    const x2 = tf.reshape(xi, [-1, c]);
    const [y, mean, rstd] = tf.engine().runKernel(LAYER_NORM, { x: x2, gain: g, bias: b }, { eps }) as tf.Tensor[];
    save([x2, g, mean as tf.Tensor, rstd as tf.Tensor]);
    return {
      value: tf.reshape(y as tf.Tensor, xi.shape),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sg, sm, sr] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
        const [dx, dg, db] = tf.engine().runKernel(LAYER_NORM_GRAD, { dy: tf.reshape(dy, [-1, c]), x: sx, gain: sg, mean: sm, rstd: sr }) as tf.Tensor[];
        return [tf.reshape(dx as tf.Tensor, dy.shape), dg as tf.Tensor, db as tf.Tensor];
      },
    };
  });
  return f(x, gain, bias);
}
