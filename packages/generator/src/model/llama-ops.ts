/**
 * Small pure pieces of the Llama-family block: RMSNorm, SwiGLU's SiLU, repeating key/value heads for
 * grouped-query attention, position ids (shared rules with GPT: cache, left padding) and dropout.
 */
import type { Rng } from '@girl/core';
import { tf, randomUniformTensor } from '@girl/tensor';
import type { Tensor } from '@girl/tensor';
import { positionsFromMask } from './positions.js';
import type { ForwardOptions } from './gpt.js';

/**
 * RMSNorm over the last axis: `x / √(mean(x²) + eps) · weight` (HF `LlamaRMSNorm`).
 *
 * @param x `[..., D]`
 * @param weight `[D]`
 * @example
 * ```ts
 * rmsNorm(tf.tensor1d([3, 4]), tf.ones([2]), 0); // [3, 4] / √12.5
 * ```
 */
export function rmsNorm(x: Tensor, weight: Tensor, eps: number): Tensor {
  const ms = tf.mean(tf.square(x), -1, true); // [..., 1]
  return tf.mul(tf.mul(x, tf.rsqrt(tf.add(ms, eps))), weight);
}

/** SiLU (swish): `x · σ(x)`, the gate activation of SwiGLU. */
export function silu(x: Tensor): Tensor {
  return tf.mul(x, tf.sigmoid(x));
}

/**
 * Repeats each key/value head `rep` times so `nKvHead` heads serve `nKvHead · rep` query heads (HF
 * `repeat_kv`: query head `h` reads key/value head `⌊h / rep⌋`).
 *
 * @param x `[B, T, K · D]`
 * @returns `[B, T, K · rep · D]` (x itself when `rep` is 1)
 */
export function repeatKvHeads(x: Tensor, nKvHead: number, rep: number): Tensor {
  if (rep === 1) return x;
  const [b, t, c] = x.shape as [number, number, number];
  const d = c / nKvHead;
  const x3 = tf.reshape(x, [b * t, nKvHead, d]);
  // copies side by side along the head-dim axis: [BT, K, rep·D] is [BT, K, rep, D] in memory (tile is slow on CPU backends)
  return tf.reshape(tf.concat(new Array<Tensor>(rep).fill(x3), 2), [b, t, nKvHead * rep * d]);
}

/**
 * Position ids `[B, T]` (int32) of a forward, by GPT's rules: given ids win; with a cache, each row
 * continues from its real tokens so far (the cache's step is begun here); with a mask, left padding
 * starts at 0; else `0 … T−1`.
 */
export function positionIdsFor(b: number, t: number, options: ForwardOptions): Tensor {
  const { cache, attentionMask, positionIds } = options;
  const maskHost = () => (attentionMask ? attentionMask.dataSync() : new Float32Array(b * t).fill(1));
  if (cache) {
    const pos = cache.beginStep(maskHost(), t);
    return positionIds ? tf.cast(positionIds, 'int32') : tf.tensor2d(pos, [b, t], 'int32');
  }
  if (positionIds) return tf.cast(positionIds, 'int32');
  if (attentionMask) return tf.tensor2d(positionsFromMask(maskHost(), b, t), [b, t], 'int32');
  const pos = new Int32Array(b * t);
  for (let i = 0; i < b * t; i++) pos[i] = i % t;
  return tf.tensor2d(pos, [b, t], 'int32');
}

/** Inverted dropout with a seeded mask drawn on the host (reproducible on every backend). */
export function seededDropout(x: Tensor, p: number, rng: Rng): Tensor {
  const keep = tf.cast(tf.greaterEqual(randomUniformTensor(rng, x.shape), p), 'float32');
  return tf.mul(x, tf.mul(keep, 1 / (1 - p)));
}
