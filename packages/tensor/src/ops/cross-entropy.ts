import * as tf from '@tensorflow/tfjs-core';
import { customOp } from './custom-op.js';
import { nativeKernelsActive } from '../backend/native/native-backend.js';
import { CROSS_ENTROPY } from '../backend/native/fused-kernels.js';

/**
 * Mean token cross-entropy of integer labels under `logits`, optionally weighted by a mask
 * (`1` = count this position, `0` = ignore, e.g. padding or prompt tokens).
 *
 * `loss = Σᵢ maskᵢ · (logsumexp(logitsᵢ) − logitsᵢ[labelᵢ]) / Σᵢ maskᵢ`. The gradient is the closed form
 * `(softmax(logits) − onehot(label)) · maskᵢ / Σ mask`, one fused step instead of autodiff through
 * `logSoftmax`; on the `native` backend loss and gradient come from one pass over the logits.
 *
 * @param logits `[N, V]` (or `[..., V]`, flattened)
 * @param labels int32 `[N]` (or `[...]`), each in `[0, V)`
 * @param mask optional float `[N]` (or `[...]`) weights; default all ones
 * @returns scalar mean loss (0 when the mask is all zeros)
 * @example
 * ```ts
 * const loss = crossEntropy(logits, targets, lossMask); // scalar
 * ```
 */
export function crossEntropy(logits: tf.Tensor, labels: tf.Tensor, mask?: tf.Tensor): tf.Scalar {
  const v = logits.shape[logits.rank - 1] as number;
  const flatLabels = tf.reshape(labels, [-1]);
  const n = flatLabels.shape[0] as number;
  if (labels.dtype !== 'int32') throw new Error(`crossEntropy: labels must be int32, got ${labels.dtype}`);
  if (logits.size !== n * v) {
    throw new Error(`crossEntropy: logits [${logits.shape}] do not match labels [${labels.shape}] (expected ${n} rows of ${v})`);
  }
  const weights = mask ? tf.cast(tf.reshape(mask, [-1]), 'float32') : tf.ones([n]);
  if (weights.shape[0] !== n) throw new Error(`crossEntropy: mask [${mask?.shape}] does not match labels [${labels.shape}]`);
  if (nativeKernelsActive() && logits.dtype === 'float32') {
    const native = customOp<[tf.Tensor], tf.Scalar>((lg, save) => {
      const scale = tf.div(weights, tf.maximum(tf.sum(weights), 1e-12)); // [N]
      const [loss, grad] = tf.engine().runKernel(CROSS_ENTROPY, { logits: tf.reshape(lg, [n, v]), labels: flatLabels, weights: scale }) as tf.Tensor[];
      save([grad as tf.Tensor]);
      return {
        value: tf.sum(loss as tf.Tensor) as tf.Scalar,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.reshape(tf.mul(saved[0] as tf.Tensor, dy), lg.shape)],
      };
    });
    return native(logits);
  }
  const f = customOp<[tf.Tensor], tf.Scalar>((lg, save) => {
    const l2 = tf.reshape(lg, [n, v]);
    const logp = tf.logSoftmax(l2);
    const onehot = tf.oneHot(flatLabels, v);
    const nll = tf.neg(tf.sum(tf.mul(logp, onehot), -1)); // [N]
    const denom = tf.maximum(tf.sum(weights), 1e-12);
    const scale = tf.div(weights, denom); // [N]
    save([logp, onehot, scale]);
    return {
      value: tf.sum(tf.mul(nll, scale)),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [slogp, soh, sscale] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
        const g = tf.mul(tf.sub(tf.exp(slogp), soh), tf.reshape(tf.mul(sscale, dy), [n, 1]));
        return [tf.reshape(g, lg.shape)];
      },
    };
  });
  return f(logits);
}
