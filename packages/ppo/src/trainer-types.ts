/**
 * The types around {@link PpoTrainer}: its input, callbacks, reward function and resumable state.
 */
import type { CausalLM, generateAnywhere } from '@girl/generator';
import type { PpoConfigInput } from './config.js';
import type { KLController } from './kl-controller.js';
import type { PpoMetrics } from './metrics.js';
import type { RunningMoments } from './running-moments.js';
import type { ValueHead } from './value-head.js';
import type { Rng } from '@girl/core';

/** A reward: a function of text. The reward model's `score`, an oracle, or a toy rule in tests. */
export type RewardFn = (cv: string, jd: string) => number | Promise<number>;

/** The tokenizer type @girl/generator works with (a `@girl/tokenizer` `Tokenizer`). */
export type PpoTokenizer = Parameters<typeof generateAnywhere>[1];

/** One sampled JD with its score, as {@link PpoEvents.onRollout} receives it. */
export interface RolloutSample {
  cv: string;
  jd: string;
  /** Raw reward-function output. */
  score: number;
  /** Whether the JD ended with EOS. */
  finished: boolean;
}

/** Callbacks of {@link PpoTrainer}. Errors thrown here stop training. */
export interface PpoEvents {
  /** After every step, with the step's metrics. */
  onStep?: (metrics: PpoMetrics) => void | Promise<void>;
  /** After every rollout, with the samples and their raw scores. */
  onRollout?: (samples: RolloutSample[], step: number) => void | Promise<void>;
  /** After a checkpoint was written. */
  onCheckpoint?: (dir: string, step: number) => void | Promise<void>;
}

/** What {@link PpoTrainer} needs. */
export interface PpoTrainerInput {
  /** The model to fine-tune (usually the SFT model). Trained in place. */
  policy: CausalLM;
  /**
   * The frozen reference (the SFT model). Default: a copy of `policy` made at construction. Never updated.
   * Must have the policy's config.
   */
  reference?: CausalLM;
  /** The value head. Default: a fresh zero-initialised one for the policy's width. */
  valueHead?: ValueHead;
  tokenizer: PpoTokenizer;
  /** `(cv, jd) => score`, higher is better. Must return a finite number. */
  reward: RewardFn;
  /** The prompts' source texts (CVs); batches cycle through them in a seeded order, one epoch at a time. */
  prompts: readonly string[];
  config?: PpoConfigInput;
  events?: PpoEvents;
  /**
   * Token ids of the prompt for a CV. Default: the SFT template (`sftPrompt`), the CV cut head + tail to
   * leave `maxNewTokens` of context.
   */
  promptIds?: (cv: string) => number[];
  /**
   * Hands a `reference` or `valueHead` you made for this trainer over to it, so that {@link PpoTrainer.dispose}
   * frees it (`resumePpo` does this with the ones it loads). Default: both `false` — what you pass in stays
   * yours; what the trainer makes itself (the default reference copy and value head) is always its own.
   */
  owns?: { reference?: boolean; valueHead?: boolean };
}

/** The trainer's resumable state, as saved in `state.json`. */
export interface PpoTrainerState {
  step: number;
  rng: ReturnType<Rng['getState']>;
  klController: ReturnType<KLController['getState']>;
  runningMoments: ReturnType<RunningMoments['getState']>;
  optimizerStep: number;
}
