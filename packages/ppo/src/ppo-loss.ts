/**
 * The PPO loss on one minibatch (Schulman et al. 2017; TRL's formulation), as tensors:
 * ```
 * ratio     = exp(logp − oldLogp)
 * pgLoss    = mean_m max(−A·ratio, −A·clip(ratio, 1 − ε, 1 + ε))
 * vClipped  = oldV + clip(V − oldV, −ε_v, ε_v)
 * vfLoss    = ½ · mean_m max((V − R)², (vClipped − R)²)
 * loss      = pgLoss + vfCoef · vfLoss − entCoef · mean_m entropy
 * ```
 * where `mean_m` averages over real response tokens (the mask).
 */
import { maskedMean, tf } from '@girl/tensor';
import type { Tensor } from '@girl/tensor';

/** Inputs of {@link ppoLoss}; every tensor `[mb, R]`. */
export interface PpoLossInput {
  logprobs: Tensor;
  oldLogprobs: Tensor;
  advantages: Tensor;
  values: Tensor;
  oldValues: Tensor;
  returns: Tensor;
  mask: Tensor;
  /** Per-token entropy; needed only when `entCoef > 0` (reported when given). */
  entropy?: Tensor;
}

/** What {@link ppoLoss} returns: the loss to differentiate and scalar statistics. */
export interface PpoLossOutput {
  loss: Tensor;
  pgLoss: Tensor;
  vfLoss: Tensor;
  /** Share of tokens whose ratio was clipped (the clipped term was the larger). */
  pgClipfrac: Tensor;
  /** Share of tokens whose value was clipped. */
  vfClipfrac: Tensor;
  /** ½ · mean (logp − oldLogp)²: how far this minibatch's policy has moved from the rollout policy. */
  approxKl: Tensor;
  /** Mean ratio. */
  ratio: Tensor;
  /** Mean entropy (0 when no entropy was given). */
  entropy: Tensor;
}

/**
 * @example
 * ```ts
 * const out = ppoLoss(batch, { clipRange: 0.2, clipRangeValue: 0.2, vfCoef: 0.1, entCoef: 0 });
 * out.loss; // scalar to differentiate
 * ```
 */
export function ppoLoss(x: PpoLossInput, c: { clipRange: number; clipRangeValue: number; vfCoef: number; entCoef: number }): PpoLossOutput {
  const m = tf.cast(x.mask, 'float32');
  const diff = tf.sub(x.logprobs, x.oldLogprobs);
  const ratio = tf.exp(diff);
  const pg1 = tf.mul(tf.neg(x.advantages), ratio);
  const pg2 = tf.mul(tf.neg(x.advantages), tf.clipByValue(ratio, 1 - c.clipRange, 1 + c.clipRange));
  const pgLoss = maskedMean(tf.maximum(pg1, pg2), m);
  const pgClipfrac = maskedMean(tf.cast(tf.greater(pg2, pg1), 'float32'), m);
  const vClipped = tf.add(x.oldValues, tf.clipByValue(tf.sub(x.values, x.oldValues), -c.clipRangeValue, c.clipRangeValue));
  const vf1 = tf.square(tf.sub(x.values, x.returns));
  const vf2 = tf.square(tf.sub(vClipped, x.returns));
  const vfLoss = tf.mul(0.5, maskedMean(tf.maximum(vf1, vf2), m));
  const vfClipfrac = maskedMean(tf.cast(tf.greater(vf2, vf1), 'float32'), m);
  const entropy = x.entropy ? maskedMean(x.entropy, m) : tf.scalar(0);
  let loss = tf.add(pgLoss, tf.mul(c.vfCoef, vfLoss));
  if (c.entCoef > 0) {
    if (!x.entropy) throw new Error('ppoLoss: entCoef > 0 needs the per-token entropy.');
    loss = tf.sub(loss, tf.mul(c.entCoef, entropy));
  }
  const approxKl = tf.mul(0.5, maskedMean(tf.square(diff), m));
  return { loss, pgLoss, vfLoss, pgClipfrac, vfClipfrac, approxKl, ratio: maskedMean(ratio, m), entropy };
}
