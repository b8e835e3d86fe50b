/**
 * Step 7 of a PPO step: `ppoEpochs` passes over the rollout in shuffled minibatches, one AdamW update per
 * minibatch; stops early (dropping that minibatch's update) once the approximate KL passes `targetKl`.
 * A NaN/±Infinity loss or gradient norm stops training with a {@link DivergenceError} (stage `'ppo'`), the
 * policy untouched by that minibatch — the same policy as the SFT and reward-model trainers.
 */
import type { Rng } from '@girl/core';
import type { AdamW, Variable } from '@girl/tensor';
import { DivergenceError, tf } from '@girl/tensor';
import type { CausalLM } from '@girl/generator';
import type { PpoConfig } from './config.js';
import { minibatchGradients } from './minibatch-update.js';
import type { RolloutArrays } from './minibatch-update.js';
import type { PaddedBatch } from './sequences.js';
import { emptyUpdateStats } from './step-metrics.js';
import type { UpdateStats } from './step-metrics.js';
import type { ValueHead } from './value-head.js';

/** What the epochs need: the models, their optimizer and variables, and the shuffling RNG. */
export interface EpochsInput {
  policy: CausalLM;
  valueHead: ValueHead;
  optimizer: AdamW;
  /** The variables the gradients are taken for (the policy's and the value head's). */
  varList: Variable[];
  config: PpoConfig;
  /** Draws each epoch's row order (the trainer's RNG, so a resumed run shuffles the same way). */
  rng: Rng;
  /** The PPO step being taken (1-based), for the divergence error. */
  step: number;
}

/** What the divergence message advises, in PPO's config names. */
const PPO_DIVERGENCE = {
  stage: 'ppo',
  label: 'PPO diverged',
  advice: { resume: 'resumePpo and a lower learningRate or maxGradNorm', fresh: 'Lower learningRate or maxGradNorm, or raise initKlCoef, and train again.' },
};

/**
 * Runs the PPO epochs over `batch` (B rows) with the rollout's per-token arrays; returns the summed update
 * statistics and whether `targetKl` stopped them early.
 *
 * @example
 * ```ts
 * const { stats, earlyStopped } = await runPpoEpochs({ policy, valueHead, optimizer, varList, config, rng }, batch, rollout);
 * stats.pg / stats.n; // mean policy loss over the applied updates
 * ```
 */
export async function runPpoEpochs(input: EpochsInput, batch: PaddedBatch, rollout: RolloutArrays): Promise<{ stats: UpdateStats; earlyStopped: boolean }> {
  const { policy, valueHead, optimizer, varList, config: c, rng } = input;
  const B = batch.B;
  const stats = emptyUpdateStats();
  for (let epoch = 0; epoch < c.ppoEpochs; epoch++) {
    // 1. this epoch's row order
    const order = rng.shuffle([...Array(B).keys()]);
    for (let start = 0; start < B; start += c.miniBatchSize) {
      // 2. the minibatch's loss and (clipped) gradients
      const rows = order.slice(start, start + c.miniBatchSize);
      const s = await minibatchGradients(policy, valueHead, c, batch, rows, rollout, varList);
      // 3. early stop: this minibatch's update is dropped, its gradients freed first
      if (c.targetKl !== null && s.approxKl > c.targetKl) {
        tf.dispose(Object.values(s.grads));
        return { stats, earlyStopped: true };
      }
      // 4. a NaN/±Infinity loss or gradient stops training (the update is not applied); else the update
      const bad = !Number.isFinite(s.pgLoss) ? s.pgLoss : !Number.isFinite(s.vfLoss) ? s.vfLoss : null;
      if (bad !== null || !s.finite) {
        tf.dispose(Object.values(s.grads));
        const what = bad !== null ? 'loss' : 'gradient norm';
        throw new DivergenceError({ ...PPO_DIVERGENCE, step: input.step, what, value: bad ?? s.norm, checkpointDir: c.checkpointDir ?? undefined });
      }
      optimizer.step(s.grads);
      tf.dispose(Object.values(s.grads));
      stats.pg += s.pgLoss;
      stats.vf += s.vfLoss;
      stats.clip += s.pgClipfrac;
      stats.vclip += s.vfClipfrac;
      stats.kl += s.approxKl;
      stats.ent += s.entropy;
      stats.ratio += s.ratio;
      stats.norm += s.norm;
      stats.n++;
    }
  }
  return { stats, earlyStopped: false };
}
