import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from './rng.js';

function sizeOf(shape: readonly number[], where: string): number {
  let size = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new RangeError(`${where}: shape must hold non-negative integers, got [${shape.join(', ')}].`);
    }
    size *= d;
  }
  return size;
}

/**
 * A float32 tensor of Gaussian draws `mean + std * z`, filled in JavaScript from `rng` and then uploaded,
 * so the values are bit-identical on every backend (tfjs's own `randomNormal` is not).
 *
 * @param shape tensor shape, e.g. `[768, 3072]`
 * @param std standard deviation, default 1
 * @param mean default 0
 * @example
 * ```ts
 * const w = tf.variable(randomNormalTensor(rng.fork('init'), [768, 768], 0.02), true, 'h0/attn/w');
 * ```
 */
export function randomNormalTensor(rng: Rng, shape: readonly number[], std = 1, mean = 0): tf.Tensor {
  const values = rng.fillNormal(new Float32Array(sizeOf(shape, 'randomNormalTensor')), std, mean);
  return tf.tensor(values, shape as number[], 'float32');
}

/**
 * A float32 tensor of uniform draws in [low, high), filled from `rng` (bit-identical on every backend).
 *
 * @param low default 0
 * @param high default 1
 * @example
 * ```ts
 * const keep = tf.tidy(() => tf.less(randomUniformTensor(rng, [B, T]), 0.9)); // dropout mask
 * ```
 */
export function randomUniformTensor(rng: Rng, shape: readonly number[], low = 0, high = 1): tf.Tensor {
  const values = rng.fillUniform(new Float32Array(sizeOf(shape, 'randomUniformTensor')), low, high);
  return tf.tensor(values, shape as number[], 'float32');
}
