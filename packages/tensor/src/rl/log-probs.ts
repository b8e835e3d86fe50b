import * as tf from '@tensorflow/tfjs-core';

/**
 * Log-probability of each label under `logits`: `log softmax(logits)[..., label]`.
 *
 * Uses a one-hot product instead of `gather`, so its gradient works on wasm (no `UnsortedSegmentSum`).
 *
 * @param logits `[..., V]`
 * @param labels int32 `[...]` (same leading shape)
 * @returns `[...]` log-probabilities (≤ 0)
 * @example
 * ```ts
 * const logp = logProbOfLabels(logits, responseIds); // [B, T] — PPO's per-token log-probs
 * ```
 */
export function logProbOfLabels(logits: tf.Tensor, labels: tf.Tensor): tf.Tensor {
  const v = logits.shape[logits.rank - 1] as number;
  if (labels.dtype !== 'int32') throw new Error(`logProbOfLabels: labels must be int32, got ${labels.dtype}`);
  if (logits.rank !== labels.rank + 1 || labels.shape.some((d, i) => d !== logits.shape[i])) {
    throw new Error(`logProbOfLabels: labels [${labels.shape}] must match logits [${logits.shape}] without the last axis`);
  }
  return tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(labels, v)), -1);
}

/**
 * Entropy of the categorical distribution given by `logits`, per position: `−Σ p·log p`.
 *
 * @param logits `[..., V]`
 * @returns `[...]` entropies in nats (between 0 and log V)
 * @example
 * ```ts
 * entropyFromLogits(tf.zeros([1, 4])); // [log 4] ≈ [1.386]
 * ```
 */
export function entropyFromLogits(logits: tf.Tensor): tf.Tensor {
  const logp = tf.logSoftmax(logits);
  return tf.neg(tf.sum(tf.mul(tf.exp(logp), logp), -1));
}
