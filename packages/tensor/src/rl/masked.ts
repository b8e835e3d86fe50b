import * as tf from '@tensorflow/tfjs-core';

function checkMask(x: tf.Tensor, mask: tf.Tensor, fn: string): tf.Tensor {
  if (x.rank !== mask.rank || x.shape.some((d, i) => d !== mask.shape[i])) {
    throw new Error(`${fn}: mask [${mask.shape}] must have the shape of the values [${x.shape}]`);
  }
  return tf.cast(mask, 'float32');
}

/**
 * Mean of `x` over the positions where `mask` is 1 (e.g. response tokens, not padding).
 *
 * @param x values `[...]`
 * @param mask 0/1 `[...]`, same shape
 * @param axis reduce only this axis (keeps the others); default: all axes → scalar
 * @example
 * ```ts
 * maskedMean(tf.tensor1d([1, 2, 3]), tf.tensor1d([1, 1, 0])); // 1.5
 * ```
 */
export function maskedMean(x: tf.Tensor, mask: tf.Tensor, axis?: number): tf.Tensor {
  const m = checkMask(x, mask, 'maskedMean');
  if (axis === undefined) return tf.div(tf.sum(tf.mul(x, m)), tf.maximum(tf.sum(m), 1e-8));
  return tf.div(tf.sum(tf.mul(x, m), axis), tf.maximum(tf.sum(m, axis), 1e-8));
}

/**
 * Variance of `x` over the masked positions.
 *
 * @param unbiased divide by `n − 1` instead of `n` (default `true`, as TRL's `masked_var`: the
 *   whitening statistics are estimates from a sample of rollouts)
 * @example
 * ```ts
 * maskedVar(tf.tensor1d([1, 3, 100]), tf.tensor1d([1, 1, 0])); // 2 (unbiased)
 * ```
 */
export function maskedVar(x: tf.Tensor, mask: tf.Tensor, unbiased = true): tf.Scalar {
  const m = checkMask(x, mask, 'maskedVar');
  const mean = maskedMean(x, m);
  const d = tf.sub(x, mean);
  const n = tf.sum(m);
  const sq = tf.sum(tf.mul(tf.mul(d, d), m));
  const denom = unbiased ? tf.maximum(tf.sub(n, 1), 1) : tf.maximum(n, 1e-8);
  return tf.div(sq, denom) as tf.Scalar;
}

/**
 * Whitens `x` over the masked positions: `(x − mean) / √(var + 1e-8)`, adding the mean back when
 * `shiftMean` is false (PPO whitens rewards without shifting, advantages with shifting). Values at positions
 * outside the mask are transformed too but carry no meaning: mask them out downstream.
 *
 * @example
 * ```ts
 * const adv = maskedWhiten(advantages, responseMask); // mean 0, variance 1 over response tokens
 * ```
 */
export function maskedWhiten(x: tf.Tensor, mask: tf.Tensor, shiftMean = true): tf.Tensor {
  const m = checkMask(x, mask, 'maskedWhiten');
  const mean = maskedMean(x, m);
  const variance = maskedVar(x, m);
  const white = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-8)));
  return shiftMean ? white : tf.add(white, mean);
}
