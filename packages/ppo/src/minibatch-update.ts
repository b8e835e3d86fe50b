/**
 * Step 7 of a PPO step for one minibatch: the policy (and value head) forward pass over the minibatch's
 * rows, the clipped PPO loss, its gradients, and global-norm clipping (@girl/tensor's `clipGradients`, as
 * the SFT and reward trainers use). The caller applies the gradients (or drops them: `targetKl` early
 * stop, non-finite gradients) and frees them.
 */
import { clipGradients, tf } from '@girl/tensor';
import type { Tensor, Variable } from '@girl/tensor';
import type { CausalLM } from '@girl/generator';
import type { PpoConfig } from './config.js';
import { ppoLoss } from './ppo-loss.js';
import { forwardResponse, rowTensors } from './response-log-probs.js';
import type { PaddedBatch } from './sequences.js';
import type { ValueHead } from './value-head.js';

/** The rollout's per-token arrays, each `[B, R]` row-major over the whole batch. */
export interface RolloutArrays {
  oldLogprobs: Float32Array;
  oldValues: Float32Array;
  advantages: Float32Array;
  returns: Float32Array;
}

/** One minibatch's (clipped) gradients and loss statistics. */
export interface MinibatchResult {
  /** Gradients by variable name, already clipped to `maxGradNorm`; the caller frees them. */
  grads: Record<string, Tensor>;
  /** False when a gradient holds NaN or ±Infinity (the update must be skipped). */
  finite: boolean;
  /** Global gradient norm before clipping. */
  norm: number;
  pgLoss: number;
  vfLoss: number;
  pgClipfrac: number;
  vfClipfrac: number;
  approxKl: number;
  entropy: number;
  ratio: number;
}

/**
 * Loss and gradients of the minibatch `rows` of `batch` (one read of its statistics).
 *
 * @example
 * ```ts
 * const s = await minibatchGradients(policy, valueHead, config, batch, [0, 3, 5, 6], rollout, vars);
 * if (s.finite) optimizer.step(s.grads);
 * tf.dispose(Object.values(s.grads));
 * ```
 */
export async function minibatchGradients(
  policy: CausalLM,
  valueHead: ValueHead,
  config: Pick<PpoConfig, 'temperature' | 'clipRange' | 'clipRangeValue' | 'vfCoef' | 'entCoef' | 'maxGradNorm'>,
  batch: PaddedBatch,
  rows: readonly number[],
  old: RolloutArrays,
  varList: Variable[],
): Promise<MinibatchResult> {
  const { P, R } = batch;
  // the rows' slice of a [B, R] array, as a [rows, R] tensor
  const pick = (x: Float32Array) => {
    const out = new Float32Array(rows.length * R);
    rows.forEach((r, j) => out.set(x.subarray(r * R, (r + 1) * R), j * R));
    return tf.tensor2d(out, [rows.length, R]);
  };
  let statsT: Tensor | null = null;
  const { grads, value } = tf.tidy(() => {
    const t = rowTensors(batch, rows);
    const oldLogprobs = pick(old.oldLogprobs);
    const oldValues = pick(old.oldValues);
    const advantages = pick(old.advantages);
    const returns = pick(old.returns);
    return tf.variableGrads(() => {
      const out = forwardResponse(policy, valueHead, t, P, R, config.temperature);
      const l = ppoLoss(
        { logprobs: out.logprobs, oldLogprobs, advantages, values: out.values as Tensor, oldValues, returns, mask: t.responseMask, entropy: out.entropy },
        config,
      );
      statsT = tf.keep(tf.stack([l.pgLoss, l.vfLoss, l.pgClipfrac, l.vfClipfrac, l.approxKl, l.entropy, l.ratio]));
      return l.loss as tf.Scalar;
    }, varList);
  });
  value.dispose();
  const st = Array.from(await (statsT as unknown as Tensor).data());
  (statsT as unknown as Tensor).dispose();
  const clipped = await clipGradients(grads, config.maxGradNorm); // @girl/tensor's shared clip (0 would measure only)
  if (clipped.clipped) tf.dispose(Object.values(grads));
  const [pgLoss, vfLoss, pgClipfrac, vfClipfrac, approxKl, entropy, ratio] = st as [number, number, number, number, number, number, number];
  return { grads: clipped.grads, finite: clipped.finite, norm: clipped.norm, pgLoss, vfLoss, pgClipfrac, vfClipfrac, approxKl, entropy, ratio };
}
