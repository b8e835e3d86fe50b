/**
 * Reward-training checkpoints: a crash-safe folder (@girl/tensor's `saveCheckpoint`) with the weights
 * (backbone + head), AdamW moments, the trainer state (step, epoch, position, RNG, early-stopping
 * counters, config), the model settings and the tokenizer. `RewardModel.load` reads it as a model too.
 */
import type { RngState } from '@girl/core';
import { loadCheckpoint, saveCheckpoint, tf } from '@girl/tensor';
import type { AdamW, Tensor } from '@girl/tensor';
import type { RewardModel } from '../model/reward-model.js';
import type { ResolvedRewardConfig } from './config.js';

/** Version of the trainer state stored in reward checkpoints. */
export const REWARD_TRAINER_STATE_VERSION = 1;

/** The trainer's resumable state. */
export interface RewardTrainerState {
  version: number;
  step: number;
  epoch: number;
  /** Next unit index within the epoch's order. */
  unitInEpoch: number;
  /** Dropout RNG. */
  rng: RngState;
  /** Best value of `metricForBestModel` so far (null before any evaluation) and evaluations since. */
  best: number | null;
  bestStep: number | null;
  badEvals: number;
  totalSteps: number;
  config: ResolvedRewardConfig;
}

/** Writes `model` + optimizer + state into `dir` atomically (the previous checkpoint survives a crash). */
export async function saveRewardCheckpoint(dir: string, content: { model: RewardModel; optimizer: AdamW; state: RewardTrainerState }): Promise<void> {
  const opt = content.optimizer.getState();
  try {
    await saveCheckpoint(dir, {
      tensors: content.model.params,
      optimizer: opt.slots,
      json: { ...content.model.stateJson(), trainer: content.state, adamwStep: opt.step },
      files: { 'tokenizer.girl.json': JSON.stringify(content.model.tokenizer.toJSON()) },
    });
  } finally {
    tf.dispose(Object.values(opt.slots));
  }
}

/** What {@link loadRewardCheckpoint} returns; tensors are the caller's to dispose. */
export interface LoadedRewardCheckpoint {
  tensors: Record<string, Tensor>;
  optimizer: { step: number; slots: Record<string, Tensor> };
  state: RewardTrainerState;
  tokenizerJson: string;
  backbone: unknown;
}

/**
 * Reads a reward-training checkpoint (checksums verified by @girl/tensor).
 *
 * @throws Error naming the folder when it holds no reward-trainer state.
 * @example
 * ```ts
 * const ck = await loadRewardCheckpoint('runs/7/rm/last');
 * ck.state.step; // 400
 * ```
 */
export async function loadRewardCheckpoint(dir: string): Promise<LoadedRewardCheckpoint> {
  const ck = await loadCheckpoint(dir);
  const json = ck.json as { trainer?: RewardTrainerState; adamwStep?: number; backbone?: unknown } | undefined;
  if (!json?.trainer || json.trainer.version !== REWARD_TRAINER_STATE_VERSION) {
    tf.dispose([...Object.values(ck.tensors), ...Object.values(ck.optimizer ?? {})]);
    throw new Error(`loadRewardCheckpoint: '${dir}' has no reward-trainer state of version ${REWARD_TRAINER_STATE_VERSION}; was it written by trainRewardModel? (A saved model without training state loads with RewardModel.load.)`);
  }
  const tok = ck.files['tokenizer.girl.json'];
  return {
    tensors: ck.tensors,
    optimizer: { step: json.adamwStep ?? json.trainer.step, slots: ck.optimizer ?? {} },
    state: json.trainer,
    tokenizerJson: tok ? new TextDecoder().decode(tok) : '',
    backbone: json.backbone,
  };
}
