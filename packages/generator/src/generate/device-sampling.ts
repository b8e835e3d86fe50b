/**
 * The logit processors and the draw of sampling.ts, as tensor ops on a whole batch `[B, V]`, so a
 * decoding step runs on the device and reads back only the chosen ids (and their log-probs).
 * Same order as HF (repetition penalty → temperature → top-k → top-p → draw). Differences from the host
 * versions: float32 instead of float64, and top-p keeps every token tied with the last one kept.
 */
import { tf } from '@girl/tensor';
import type { Tensor } from '@girl/tensor';
import type { SamplingSettings } from './sampling.js';

/** CTRL repetition penalty with a `[B, V]` 0/1 mask of ids seen so far. */
export function penalise(logits: Tensor, seen: Tensor, penalty: number): Tensor {
  if (penalty === 1) return logits;
  const penalised = tf.where(tf.greater(logits, 0), tf.div(logits, penalty), tf.mul(logits, penalty));
  return tf.where(tf.greater(seen, 0), penalised, logits);
}

/** Keeps the `k` largest logits per row (ties with the k-th kept), −∞ elsewhere. */
export function topKRows(logits: Tensor, k: number): Tensor {
  const v = logits.shape[1] as number;
  if (!(k > 0) || k >= v) return logits;
  const kth = tf.slice(tf.topk(logits, Math.floor(k)).values, [0, Math.floor(k) - 1], [-1, 1]); // [B, 1]
  return tf.where(tf.less(logits, kth), tf.fill(logits.shape, -Infinity), logits);
}

/** Nucleus filter per row: keeps the most likely tokens until their mass reaches `p` (at least one). */
export function topPRows(logits: Tensor, p: number): Tensor {
  if (p >= 1) return logits;
  const v = logits.shape[1] as number;
  const sorted = tf.topk(tf.softmax(logits), v).values; // [B, V] descending
  const before = tf.cumsum(sorted, 1, true); // mass of the more likely tokens
  const first = tf.concat([tf.ones([sorted.shape[0] as number, 1], 'bool'), tf.zeros([sorted.shape[0] as number, v - 1], 'bool')], 1);
  const kept = tf.logicalOr(tf.less(before, p), first);
  const threshold = tf.min(tf.where(kept, sorted, tf.fill(sorted.shape, Infinity)), 1, true); // [B, 1]
  return tf.where(tf.less(tf.softmax(logits), threshold), tf.fill(logits.shape, -Infinity), logits);
}

/** Every processor of `settings`, on `[B, V]` logits (greedy: the repetition penalty only). */
export function processRows(logits: Tensor, seen: Tensor | null, settings: SamplingSettings): Tensor {
  let x = seen ? penalise(logits, seen, settings.repetitionPenalty ?? 1) : logits;
  if (!settings.doSample) return x;
  const t = settings.temperature ?? 1;
  if (t !== 1) x = tf.div(x, t);
  x = topKRows(x, settings.topK ?? 0);
  return topPRows(x, settings.topP ?? 1);
}

/**
 * Picks one id per row: the argmax (greedy), or the inverse-CDF draw at `u` (`[B, 1]` uniforms drawn on
 * the host from each row's seeded stream): the first id whose cumulative probability exceeds `u`.
 * @returns int32 `[B]`
 */
export function pickRows(processed: Tensor, u: Tensor | null): Tensor {
  if (!u) return tf.argMax(processed, 1);
  const v = processed.shape[1] as number;
  const probs = tf.softmax(processed); // [B, V]
  const below = tf.sum(tf.cast(tf.lessEqual(tf.cumsum(probs, 1), u), 'int32'), 1); // ids whose cumulative mass ≤ u
  const ids = tf.range(0, v, 1, 'int32');
  const lastPositive = tf.max(tf.mul(tf.cast(tf.greater(probs, 0), 'int32'), ids), 1); // rounding guard
  return tf.minimum(below, lastPositive);
}

/** `log softmax(logits)[id]` per row: `[B, V]`, int32 `[B]` → `[B]`. */
export function logProbRows(logits: Tensor, ids: Tensor): Tensor {
  const v = logits.shape[1] as number;
  const lp = tf.logSoftmax(logits);
  // −∞ entries times 0 would be NaN: select instead of multiplying
  return tf.sum(tf.where(tf.cast(tf.oneHot(ids, v), 'bool'), lp, tf.zerosLike(lp)), 1);
}
