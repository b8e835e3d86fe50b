import * as tf from '@tensorflow/tfjs-core';

/**
 * Softmax over the last axis. tfjs's kernel and gradient are fast on every backend; this wrapper exists
 * so models never import tfjs directly and always normalise the same axis.
 *
 * @example
 * ```ts
 * softmax(tf.tensor1d([0, Math.log(3)])); // [0.25, 0.75]
 * ```
 */
export function softmax(logits: tf.Tensor): tf.Tensor {
  return tf.softmax(logits, -1);
}

/**
 * Log-softmax over the last axis, computed stably (`x − max − log Σ exp(x − max)`).
 *
 * @example
 * ```ts
 * logSoftmax(tf.zeros([1, 4])); // [[-1.386, -1.386, -1.386, -1.386]]
 * ```
 */
export function logSoftmax(logits: tf.Tensor): tf.Tensor {
  return tf.logSoftmax(logits, -1);
}
