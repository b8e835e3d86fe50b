/**
 * What {@link runTrainingLoop} asks of a trainer (the task: data, loss, evaluation, checkpoints) and
 * what it is told (options, state, result). The loop owns everything the SFT and reward-model trainers
 * used to repeat: counters, optimizer and schedule, accumulation, clipping, divergence, evaluation
 * cadence, early stopping, checkpoints, the metrics file and abort.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { Rng, RngState } from '../random/rng.js';
import type { AdamW } from './adamw.js';
import type { DivergenceError } from './divergence-error.js';
import type { TrainerEvents } from './trainer-events.js';

/** Where a run stands: what every checkpoint stores (each task in its own format) and a resume restores. */
export interface TrainingLoopState {
  /** Optimizer steps taken. */
  step: number;
  /** Current epoch (0-based). */
  epoch: number;
  /** Units of the current epoch already used (the task's units: batches, rows, comparisons). */
  position: number;
  /** The training RNG (dropout), so a resumed run draws what an uninterrupted one would. */
  rng: RngState;
  /** Best evaluation metric so far (null before any finite one), its step, and evaluations since. */
  best: number | null;
  bestStep: number | null;
  badEvals: number;
  /** The planned number of optimizer steps. */
  totalSteps: number;
}

/** One epoch's data, in order. */
export interface EpochData<Batch> {
  /** Units in the epoch; the epoch ends when `position` reaches it. */
  readonly size: number;
  /** The micro-batch that starts at `position`, and how many units it covers (at least 1). */
  take(position: number): { batch: Batch; units: number };
}

/** A micro-batch's forward pass: the scalar to differentiate and, optionally, a tensor to read back. */
export interface MicroBatchLoss {
  /** Mean loss over the micro-batch, shape `[]`. */
  loss: tf.Tensor;
  /** Anything the task wants for its statistics (e.g. logits `[N]`); read back once, then freed. */
  keep?: tf.Tensor;
}

/** What the loop knows about a finished optimizer step; the task turns it into its step event. */
export interface StepSummary {
  step: number;
  epoch: number;
  /** The step's training loss (see {@link TrainingLoopOptions.lossMean}). */
  loss: number;
  /** Learning rate the step used. */
  lr: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
  /** Wall-clock seconds of the step. */
  seconds: number;
  /** The task's per-micro-batch {@link TrainingTask.stats}, summed over the step's micro-batches. */
  stats: Record<string, number>;
}

/** An evaluation's outcome; the loop decides whether it is the best so far. */
export interface Evaluation<EvalEvent> {
  /** The figure compared across evaluations (see `greaterIsBetter`). A non-finite one never improves. */
  metric: number;
  /** The event reported to `onEval` and kept in the result, given whether this one is the best. */
  event(best: boolean): EvalEvent;
  /** The metrics.jsonl record (after `type: 'eval'`). Default: the event. */
  record?(best: boolean): Record<string, unknown>;
}

/** A checkpoint as the task reads it back; the loop assigns the tensors and frees them. */
export interface LoadedTrainingCheckpoint {
  /** Parameter values by name (names the task's `params` lacks are ignored). */
  tensors: Record<string, tf.Tensor>;
  optimizer: { step: number; slots: Record<string, tf.Tensor> };
  state: TrainingLoopState;
}

/**
 * A trainer, as the loop sees it: a model's parameters, its data by epoch, the loss of one micro-batch,
 * and (optionally) evaluation and checkpoints in the trainer's own format.
 */
export interface TrainingTask<Batch, StepEvent, EvalEvent> {
  /** The parameters the optimizer trains. */
  readonly params: Record<string, tf.Variable>;
  /** Micro-batches per epoch, for the step plan when `maxSteps` is not set. */
  readonly batchesPerEpoch: number;
  /** The data of epoch `epoch` (called when an epoch starts and after a resume). */
  epoch(epoch: number): EpochData<Batch>;
  /** Weight of the micro-batch in the step's gradient mean (tokens, rows, …); 0 skips it. */
  weight(batch: Batch): number;
  /** The forward pass in training mode; runs inside `tf.variableGrads` and `tf.tidy`. */
  loss(batch: Batch, rng: Rng): MicroBatchLoss;
  /** Statistics of one micro-batch from its `keep` tensor's values; summed over the step. */
  stats?(batch: Batch, kept: ArrayLike<number> | null): Record<string, number>;
  /** The step event (for `onStep` and metrics.jsonl). */
  stepEvent(s: StepSummary): StepEvent;
  /** Evaluates at step `step`; null when there is nothing to evaluate on. */
  evaluate?(step: number): Promise<Evaluation<EvalEvent> | null>;
  /** Writes a checkpoint folder (the loop picks `<checkpointDir>/last` or `/best`). */
  save?(dir: string, content: { optimizer: AdamW; state: TrainingLoopState }): Promise<void>;
  /** Reads a checkpoint folder, refusing (after freeing what it read) one of another model. */
  load?(dir: string): Promise<LoadedTrainingCheckpoint>;
  /** The error for a non-finite loss or gradient norm at step `step` (1-based). */
  diverged(step: number, what: 'loss' | 'gradient norm', value: number, checkpointDir: string | undefined): DivergenceError;
  /** Runs once before the first step, e.g. a warm start; `evaluate()` runs a full evaluation at the current step. */
  start?(ctx: { resumedFrom: number; evaluate: () => Promise<boolean> }): Promise<void>;
  /** Called when an evaluation is the best so far, before its event and checkpoint. */
  onBest?(): void;
  /** Runs after the loop ends without an error (after the abort checkpoint), e.g. to restore the best weights. */
  finish?(ctx: { state: TrainingLoopState; checkpointDir: string | null }): Promise<void>;
  /** Frees what the task holds; runs however the loop ends. */
  dispose?(): void;
}

/** The loop's settings; the trainers fill them from their resolved configs. */
export interface TrainingLoopOptions<StepEvent, EvalEvent> {
  /** Seed of the training RNG (forked as `'dropout'`) on a fresh start. */
  seed: number;
  /** Optimizer steps to take; null: `numTrainEpochs` worth. On resume an explicit value wins over the saved plan. */
  maxSteps: number | null;
  /** Passes over the data when `maxSteps` is null. */
  numTrainEpochs: number;
  /** Micro-batches per optimizer step. */
  gradientAccumulationSteps: number;
  /** Peak learning rate of the warmup + cosine schedule. */
  learningRate: number;
  /** Floor of the cosine; null: `learningRate / 10`. */
  minLr: number | null;
  /** Warmup steps for a plan of `totalSteps` steps (capped at `totalSteps` by the loop). */
  warmupSteps: (totalSteps: number) => number;
  /** AdamW's other settings. */
  adamBeta1: number;
  adamBeta2: number;
  weightDecay: number;
  /** Global gradient-norm clip; 0 turns clipping off (non-finite gradients are still refused). */
  maxGradNorm: number;
  /** Evaluate every this many steps and at the end; 0: only at the end. */
  evalSteps: number;
  /** Save `last` every this many steps and at the end; null: `evalSteps`. */
  saveSteps: number | null;
  /** Stop after this many evaluations without improvement; 0: never. */
  earlyStoppingPatience: number;
  /** How much better than the best an evaluation must be to count as an improvement. */
  earlyStoppingThreshold: number;
  /** Whether a larger metric is better (AUC) or a smaller one (a loss). */
  greaterIsBetter: boolean;
  /**
   * The step's logged loss: `'weighted'` — Σ lossᵢ·weightᵢ / Σ weightᵢ over its micro-batches (the loss
   * the gradient is the gradient of); `'micro-batches'` — the plain mean of the micro-batches' losses.
   */
  lossMean: 'weighted' | 'micro-batches';
  /** Folder of `last` and `best`; null: no checkpoints and no resume. */
  checkpointDir: string | null;
  /** Resume from `<checkpointDir>/last`: true (must exist), 'auto' (if it exists), false. */
  resume: boolean | 'auto';
  /** JSONL file of step and eval records, rewound to the checkpoint on resume; null: none. */
  metricsFile: string | null;
  events?: TrainerEvents<StepEvent, EvalEvent>;
  /** Stop cleanly (a `last` checkpoint is written) when this aborts. */
  signal?: AbortSignal | undefined;
}

/** What {@link runTrainingLoop} returns. */
export interface TrainingLoopResult<EvalEvent> {
  steps: number;
  reason: 'completed' | 'early-stopping' | 'aborted';
  /** The step this session started from (0 or the checkpoint's). */
  resumedFrom: number;
  /** This session's step losses and evaluation events, in order. */
  losses: number[];
  evals: EvalEvent[];
  /** Best metric so far (this run, resumed sessions included), its step, and this session's last metric. */
  best: number | null;
  bestStep: number | null;
  lastMetric: number | null;
}
