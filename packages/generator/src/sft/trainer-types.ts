/** What the SFT trainer reports: step and evaluation events, its result, its divergence error, its inputs. */
import { DivergenceError } from '@girl/tensor';
import type { TrainerEvents } from '@girl/tensor';
import type { Tokenizer } from '@girl/tokenizer';
import type { CausalLM } from '../model/causal-lm.js';
import type { SftConfig } from './config.js';

/** Passed to `onStep` after each optimizer step. */
export interface StepEvent {
  step: number;
  epoch: number;
  /** Token-weighted mean training loss of the step (nats per JD token). */
  loss: number;
  lr: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
  /** Real input tokens processed in the step. */
  tokens: number;
  /** Real input tokens per second over the step. */
  tokensPerSecond: number;
}

/** Passed to `onEval` after each evaluation. */
export interface EvalEvent {
  step: number;
  /** Token-weighted mean validation loss over the JD targets. */
  valLoss: number;
  /** `exp(valLoss)`. */
  valPerplexity: number;
  /** Whether this is the best so far. */
  best: boolean;
}

/** Callbacks of {@link trainSft}: `onStep`, `onEval`, `onCheckpoint` (@girl/tensor's shared trainer events). */
export type SftEvents = TrainerEvents<StepEvent, EvalEvent>;

/** What {@link trainSft} returns. */
export interface SftResult {
  steps: number;
  /** Why the run ended. */
  reason: 'completed' | 'early-stopping' | 'aborted';
  /** Best and last validation loss (null without validation data). */
  bestValLoss: number | null;
  lastValLoss: number | null;
  /** Every evaluation of this session. */
  evals: EvalEvent[];
  /** Training losses of this session's steps, in order. */
  losses: number[];
  /** Encoding report: examples, and how many had their CV or JD cut. */
  data: { train: number; valid: number; cvTruncated: number; jdTruncated: number };
  /** The step this session started from (0, or the resumed checkpoint's step). */
  resumedFrom: number;
}

/** How the sft stage names itself and what it advises when it diverges. */
const SFT_DIVERGENCE = { stage: 'sft', label: 'SFT diverged', advice: { resume: 'a lower learningRate or maxGradNorm', fresh: 'Lower learningRate, raise warmupSteps or set maxGradNorm.' } };

/** Thrown when a loss or gradient norm becomes NaN or ±Infinity. Nothing is saved after it. A {@link DivergenceError} with stage `'sft'`. */
export class TrainingDivergedError extends DivergenceError {
  override name = 'TrainingDivergedError';
  constructor(step: number, what: 'loss' | 'gradient norm', value: number, checkpointDir?: string) {
    super({ ...SFT_DIVERGENCE, step, what, value, checkpointDir });
  }
}

/** Inputs of {@link trainSft}. */
export interface TrainSftInput {
  model: CausalLM;
  tokenizer: Tokenizer;
  /** Training pairs. */
  train: readonly { cv: string; jd: string }[];
  /** Validation pairs (held out). Default: none (no evaluation, no early stopping). */
  valid?: readonly { cv: string; jd: string }[];
  config?: SftConfig;
  events?: SftEvents;
  /** Stop cleanly (a checkpoint is written) when this signal aborts. */
  signal?: AbortSignal;
}

