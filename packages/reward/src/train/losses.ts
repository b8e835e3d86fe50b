/**
 * The reward model's objectives, both written with one stable primitive, −log σ(z):
 * - pointwise (binary cross-entropy on labelled pairs): z = (2y − 1) · r, weighted per row;
 * - pairwise (Bradley–Terry, as TRL's RewardTrainer): z = r⁺ − r⁻ − margin.
 */
import { tf } from '@girl/tensor';
import type { Tensor } from '@girl/tensor';

/**
 * −log σ(z) elementwise, stable for any z: `relu(−z) + log(1 + exp(−|z|))`, with the closed-form
 * gradient `−σ(−z)` (so no `abs` / `log1p` gradients are needed on any backend).
 *
 * @example
 * ```ts
 * negLogSigmoid(tf.tensor1d([0])); // [ln 2]
 * ```
 */
export function negLogSigmoid(z: Tensor): Tensor {
  const f = tf.customGrad(((...args: unknown[]) => {
    const x = args[0] as Tensor;
    (args[1] as (ts: Tensor[]) => void)([x]);
    const value = tf.add(tf.relu(tf.neg(x)), tf.log(tf.add(1, tf.exp(tf.neg(tf.abs(x))))));
    return { value, gradFunc: (dy: Tensor, saved: Tensor[]) => tf.mul(dy, tf.neg(tf.sigmoid(tf.neg(saved[0] as Tensor)))) };
  }) as Parameters<typeof tf.customGrad>[0]);
  return f(z) as Tensor;
}

/**
 * Weighted binary cross-entropy with logits: `Σ wᵢ · −log σ((2yᵢ − 1) rᵢ) / Σ wᵢ`.
 *
 * @param logits `[N]` raw scores
 * @param labels `[N]` 0/1
 * @param weights `[N]` per-row weights (class balance); default all 1
 * @example
 * ```ts
 * pointwiseLoss(tf.tensor1d([0, 0]), tf.tensor1d([1, 0])); // ln 2
 * ```
 */
export function pointwiseLoss(logits: Tensor, labels: Tensor, weights?: Tensor): Tensor {
  const sign = tf.sub(tf.mul(labels, 2), 1); // [N] ±1
  const per = negLogSigmoid(tf.mul(sign, logits)); // [N]
  if (!weights) return tf.mean(per);
  return tf.div(tf.sum(tf.mul(per, weights)), tf.sum(weights));
}

/**
 * Bradley–Terry pairwise loss: `mean −log σ(r⁺ − r⁻ − margin)`. A positive margin asks the chosen pair
 * to beat the rejected one by at least that much (Llama 2's margin loss).
 *
 * @example
 * ```ts
 * pairwiseLoss(tf.tensor1d([2]), tf.tensor1d([1]));     // −log σ(1) ≈ 0.3133
 * pairwiseLoss(tf.tensor1d([2]), tf.tensor1d([1]), 1);  // ln 2
 * ```
 */
export function pairwiseLoss(chosen: Tensor, rejected: Tensor, margin = 0): Tensor {
  return tf.mean(negLogSigmoid(tf.sub(tf.sub(chosen, rejected), margin)));
}

/**
 * TRL's `center_rewards_coefficient` term: `mean(r²)`, which keeps rewards centred on 0 (a free offset
 * otherwise drifts, since Bradley–Terry only sees differences).
 *
 * @example
 * ```ts
 * centeringLoss(tf.tensor1d([1, -3])); // 5
 * ```
 */
export function centeringLoss(rewards: Tensor): Tensor {
  return tf.mean(tf.square(rewards));
}
