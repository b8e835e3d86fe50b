/**
 * The types around {@link trainRewardModel}: its input, callbacks and result, and the error it throws when
 * training diverges.
 */
import { DivergenceError } from '@girl/tensor';
import type { TrainerEvents } from '@girl/tensor';
import type { EvalRow, ModelMetrics } from '../eval/evaluate.js';
import type { RewardModel } from '../model/reward-model.js';
import type { RewardConfig } from './config.js';
import type { RewardExample } from './dataset.js';
import type { LexicalFit } from './lexical-warm-start.js';

/** Passed to `onStep` after each optimizer step. */
export interface RewardStepEvent {
  step: number;
  epoch: number;
  /** Total loss of the step (mean over its micro-batches). */
  loss: number;
  /** Share of the step's comparisons where the chosen pair scored higher (pairwise / both), else NaN. */
  batchPairwiseAccuracy: number;
  lr: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
  seconds: number;
}

/** Passed to `onEval` after each evaluation on `valid`. */
export interface RewardEvalEvent {
  step: number;
  metrics: ModelMetrics;
  /** Whether this evaluation is the best so far by `metricForBestModel`. */
  best: boolean;
}

/** Callbacks of {@link trainRewardModel}: `onStep`, `onEval`, `onCheckpoint` (@girl/tensor's shared trainer events). */
export type RewardTrainerEvents = TrainerEvents<RewardStepEvent, RewardEvalEvent>;

/** Inputs of {@link trainRewardModel}. */
export interface TrainRewardInput {
  model: RewardModel;
  /** Labelled training pairs (e.g. `market.pairs`, `rjdbToPairs(rows)`). */
  train: readonly RewardExample[];
  /** Held-out labelled pairs for evaluation / early stopping. Default: none. */
  valid?: readonly EvalRow[];
  config?: RewardConfig;
  events?: RewardTrainerEvents;
  /** Stop cleanly (a `last` checkpoint is written) when this aborts. */
  signal?: AbortSignal;
}

/** What {@link trainRewardModel} returns. */
export interface RewardTrainResult {
  steps: number;
  reason: 'completed' | 'early-stopping' | 'aborted';
  /** Best validation value of `metricForBestModel` and its step (null without `valid`). */
  best: number | null;
  bestStep: number | null;
  /** Every evaluation of this session. */
  evals: RewardEvalEvent[];
  /** Training losses of this session's steps. */
  losses: number[];
  /** What was trained on. */
  data: { rows: number; positives: number; hardNegatives: number; randomNegatives: number; comparisons: number; cvTruncated: number; jdTruncated: number };
  /** Step this session started from (0 or the resumed checkpoint's). */
  resumedFrom: number;
  /** The lexical head's warm start, when it ran (see `lexicalWarmStart`). */
  lexicalWarmStart?: LexicalFit;
}

/** How the reward stage names itself and what it advises when it diverges. */
const REWARD_DIVERGENCE = { stage: 'reward', label: 'Reward training diverged', advice: { resume: 'a lower learningRate or maxGradNorm', fresh: 'Lower learningRate, raise warmupRatio or set maxGradNorm.' } };

/** Thrown when a loss or gradient norm is NaN/±Infinity. Nothing is saved after it. A {@link DivergenceError} with stage `'reward'`. */
export class RewardTrainingDivergedError extends DivergenceError {
  override name = 'RewardTrainingDivergedError';
  constructor(step: number, what: 'loss' | 'gradient norm', value: number, checkpointDir?: string) {
    super({ ...REWARD_DIVERGENCE, step, what, value, checkpointDir });
  }
}
