/**
 * The reward trainer's one config object. Names follow TRL's `RewardConfig` / HF `TrainingArguments`
 * in camelCase (`learningRate`, `numTrainEpochs`, `perDeviceTrainBatchSize`, `evalSteps`, …), the same
 * as @girl/generator's SFT config for the same concept; the rest are GIRL's (objectives, negatives,
 * class balance).
 */

import { assertKnownFields } from '@girl/core';
import { DEFAULT_TRAINING_SEED } from '@girl/tensor';

/** Which loss the reward model trains on. */
export type RewardObjective = 'pointwise' | 'pairwise' | 'both';

/** Every field is optional; defaults suit a tiny backbone on 2 CPU cores. */
export interface RewardConfig {
  /** Peak AdamW learning rate (`learning_rate`). Default `5e-4`: a tiny model from scratch; use ~1e-4 from an SFT backbone. */
  learningRate?: number;
  /** Passes over the training units (`num_train_epochs`). Default `3`. Ignored when `maxSteps` is set. */
  numTrainEpochs?: number;
  /** Optimizer steps; overrides `numTrainEpochs` (`max_steps`). Default: from the epochs. */
  maxSteps?: number;
  /**
   * Units per micro-batch (`per_device_train_batch_size`): labelled rows (pointwise) or
   * (chosen, rejected) comparisons (pairwise / both, so 2× sequences). Default `16`.
   */
  perDeviceTrainBatchSize?: number;
  /** Rows per forward pass in evaluation (`per_device_eval_batch_size`). Default `64`. */
  perDeviceEvalBatchSize?: number;
  /** Micro-batches per optimizer step (`gradient_accumulation_steps`). Default `1`. */
  gradientAccumulationSteps?: number;
  /** Share of the steps spent in linear warmup (`warmup_ratio`), then cosine decay to `minLr`. Default `0.05`. */
  warmupRatio?: number;
  /** Linear warmup steps (`warmup_steps`); wins over `warmupRatio`. Default: from `warmupRatio`. */
  warmupSteps?: number;
  /** Floor of the cosine decay. Default `learningRate / 10`. */
  minLr?: number;
  /** AdamW β₁ (`adam_beta1`). Default `0.9`. */
  adamBeta1?: number;
  /** AdamW β₂ (`adam_beta2`). Default `0.999` (fine-tuning; the SFT default 0.95 is for training from scratch). */
  adamBeta2?: number;
  /** AdamW decoupled weight decay on matrices (`weight_decay`). Default `0.01`. */
  weightDecay?: number;
  /** Global gradient-norm clip (`max_grad_norm`). Default `1`. `0`: no clipping (NaN / Infinity still stops training). */
  maxGradNorm?: number;
  /**
   * `'pointwise'`: BCE on labelled rows. `'pairwise'`: Bradley–Terry on (matched, unmatched) comparisons of
   * the same group (TRL's RewardTrainer). `'both'` (default): their sum on each batch of comparisons —
   * the pairwise term learns the ranking PPO needs, the pointwise term anchors σ(score) to P(match).
   */
  objective?: RewardObjective;
  /** Bradley–Terry margin: `−log σ(r⁺ − r⁻ − margin)`. Default `0`. */
  margin?: number;
  /** Weight of the pointwise term in `'both'`. Default `1`. */
  pointwiseWeight?: number;
  /** TRL's `center_rewards_coefficient`: adds `coef · mean(r²)`. Default `0` (off). */
  centerRewardsCoefficient?: number;
  /**
   * Use the labelled negatives in the data (RJDB's unmatched CVs; the market's wrong-seniority and
   * missing-skills pairs). Default `true`. `false` trains on positives and random negatives only.
   */
  hardNegatives?: boolean;
  /**
   * Random negatives made per positive: its CV with the JD of another group's positive, or its JD with
   * another group's CV (see `randomNegativeSide`). Default `1`. They teach the easy cases (another
   * occupation) that hard negatives leave out; a random pairing can occasionally fit, like label noise.
   */
  randomNegativesPerPositive?: number;
  /** Which text a random negative replaces: `'jd'`, `'cv'` or `'both'` (alternating; default). */
  randomNegativeSide?: 'jd' | 'cv' | 'both';
  /**
   * Pointwise only: weight rows so each class carries half the loss (`n / (2 · n_class)`). Default `true`.
   * Comparisons are balanced by construction (one positive, one negative).
   */
  classBalance?: boolean;
  /**
   * Models with a lexical head (`lexical: 'tfidf'`) only: before the transformer trains, fit the lexical
   * weights and the bias alone on the training units (Newton's method on the same objective, milliseconds)
   * and, with `valid`, evaluate that wide-only model at step 0 so early stopping can keep it. Default
   * `true`: otherwise AdamW learns the keyword screen at its slow per-weight pace while the transformer
   * memorises a small training set (measured on RJDB, README). Ignored when resuming.
   */
  lexicalWarmStart?: boolean;
  /** Evaluate on `valid` every this many steps and at the end (`eval_steps`). Default `50`. `0`: only at the end. */
  evalSteps?: number;
  /** Stop after this many evaluations without improvement (`early_stopping_patience`). Default `0` (off). */
  earlyStoppingPatience?: number;
  /** How much better than the best an evaluation must be to count as an improvement (`early_stopping_threshold`). Default `0`. */
  earlyStoppingThreshold?: number;
  /** Validation metric that decides "best" (`metric_for_best_model`). Default `'auc'`; `'logLoss'` is minimised. */
  metricForBestModel?: 'auc' | 'pairwiseAccuracy' | 'accuracy' | 'logLoss';
  /** Put the best evaluation's weights back into the model when training ends (`load_best_model_at_end`). Default `true`. */
  loadBestModelAtEnd?: boolean;
  /** Longest training pair in tokens. Default: the model's `settings.maxLength`. */
  maxLength?: number;
  /** Folder for `<dir>/last` and `<dir>/best` checkpoints. Default: none. */
  checkpointDir?: string;
  /** Save `last` every this many steps (`save_steps`). Default: `evalSteps` (and always at the end). */
  saveSteps?: number;
  /** Resume from `<checkpointDir>/last`: `true` (must exist), `'auto'` (if it exists), `false` (default). */
  resume?: boolean | 'auto';
  /** Append one JSON object per line (step and eval records) to this file. Default: none. */
  metricsFile?: string;
  /** Seed of data order, random negatives and dropout. Default `1337` (@girl/tensor's `DEFAULT_TRAINING_SEED`, also the SFT trainer's). */
  seed?: number;
}

/** The resolved config (stored in checkpoints). */
export interface ResolvedRewardConfig {
  learningRate: number;
  numTrainEpochs: number;
  maxSteps: number | null;
  perDeviceTrainBatchSize: number;
  perDeviceEvalBatchSize: number;
  gradientAccumulationSteps: number;
  warmupRatio: number;
  warmupSteps: number | null;
  minLr: number | null;
  adamBeta1: number;
  adamBeta2: number;
  weightDecay: number;
  maxGradNorm: number;
  objective: RewardObjective;
  margin: number;
  pointwiseWeight: number;
  centerRewardsCoefficient: number;
  hardNegatives: boolean;
  randomNegativesPerPositive: number;
  randomNegativeSide: 'jd' | 'cv' | 'both';
  classBalance: boolean;
  lexicalWarmStart: boolean;
  evalSteps: number;
  earlyStoppingPatience: number;
  earlyStoppingThreshold: number;
  metricForBestModel: 'auc' | 'pairwiseAccuracy' | 'accuracy' | 'logLoss';
  loadBestModelAtEnd: boolean;
  maxLength: number;
  checkpointDir: string | null;
  saveSteps: number | null;
  resume: boolean | 'auto';
  metricsFile: string | null;
  seed: number;
}

/**
 * Every {@link RewardConfig} field with its default; `null` where the default is derived (`maxLength`:
 * the model's; `maxSteps`: from the epochs; `warmupSteps`: from `warmupRatio`; `minLr`: learningRate / 10;
 * `saveSteps`: `evalSteps`).
 *
 * @example
 * ```ts
 * DEFAULT_REWARD_CONFIG.learningRate; // 5e-4
 * ```
 */
export const DEFAULT_REWARD_CONFIG: Readonly<Omit<ResolvedRewardConfig, 'maxLength'> & { maxLength: number | null }> = Object.freeze({
  learningRate: 5e-4,
  numTrainEpochs: 3,
  maxSteps: null,
  perDeviceTrainBatchSize: 16,
  perDeviceEvalBatchSize: 64,
  gradientAccumulationSteps: 1,
  warmupRatio: 0.05,
  warmupSteps: null,
  minLr: null,
  adamBeta1: 0.9,
  adamBeta2: 0.999,
  weightDecay: 0.01,
  maxGradNorm: 1,
  objective: 'both',
  margin: 0,
  pointwiseWeight: 1,
  centerRewardsCoefficient: 0,
  hardNegatives: true,
  randomNegativesPerPositive: 1,
  randomNegativeSide: 'both',
  classBalance: true,
  lexicalWarmStart: true,
  evalSteps: 50,
  earlyStoppingPatience: 0,
  earlyStoppingThreshold: 0,
  metricForBestModel: 'auc',
  loadBestModelAtEnd: true,
  maxLength: null,
  checkpointDir: null,
  saveSteps: null,
  resume: false,
  metricsFile: null,
  seed: DEFAULT_TRAINING_SEED,
});

/** The reward config's old field names (before #14; `lr`, `batchSize`, … are the SFT trainer's old ones) → today's. */
export const REWARD_RENAMED_FIELDS: Readonly<Record<string, keyof RewardConfig>> = Object.freeze({
  evalEvery: 'evalSteps',
  patience: 'earlyStoppingPatience',
  checkpointEvery: 'saveSteps',
  lr: 'learningRate',
  batchSize: 'perDeviceTrainBatchSize',
  evalBatchSize: 'perDeviceEvalBatchSize',
  gradAccumSteps: 'gradientAccumulationSteps',
  epochs: 'numTrainEpochs',
  gradClip: 'maxGradNorm',
  beta1: 'adamBeta1',
  beta2: 'adamBeta2',
});

/** A config value that is not valid; the message names the field, the value and the fix. */
export class RewardConfigError extends RangeError {
  override name = 'RewardConfigError';
}

/**
 * Fills in defaults and checks a config.
 *
 * @throws RewardConfigError naming the bad field.
 * @example
 * ```ts
 * resolveRewardConfig({ objective: 'pairwise' }, 256).learningRate; // 5e-4
 * ```
 */
export function resolveRewardConfig(c: RewardConfig, modelMaxLength: number): ResolvedRewardConfig {
  assertKnownFields(c, Object.keys(DEFAULT_REWARD_CONFIG), 'RewardConfig', { renamed: REWARD_RENAMED_FIELDS, makeError: (m) => new RewardConfigError(m) });
  const r: ResolvedRewardConfig = { ...DEFAULT_REWARD_CONFIG, ...withoutUndefined(c), maxLength: c.maxLength ?? modelMaxLength };
  const int = (k: keyof ResolvedRewardConfig, min: number) => {
    const v = r[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new RewardConfigError(`RewardConfig.${k} must be an integer >= ${min}, got ${JSON.stringify(v)}.`);
  };
  int('perDeviceTrainBatchSize', 1);
  int('perDeviceEvalBatchSize', 1);
  int('gradientAccumulationSteps', 1);
  int('randomNegativesPerPositive', 0);
  int('evalSteps', 0);
  int('earlyStoppingPatience', 0);
  int('seed', 0);
  if (r.maxSteps !== null) int('maxSteps', 0);
  else if (!(r.numTrainEpochs > 0)) throw new RewardConfigError(`RewardConfig.numTrainEpochs must be > 0, got ${r.numTrainEpochs}.`);
  if (r.saveSteps !== null) int('saveSteps', 1);
  if (r.warmupSteps !== null) int('warmupSteps', 0);
  if (!(r.learningRate > 0)) throw new RewardConfigError(`RewardConfig.learningRate must be > 0, got ${r.learningRate}.`);
  if (!(r.warmupRatio >= 0 && r.warmupRatio < 1)) throw new RewardConfigError(`RewardConfig.warmupRatio must be in [0, 1), got ${r.warmupRatio}.`);
  if (!(r.maxGradNorm >= 0)) throw new RewardConfigError(`RewardConfig.maxGradNorm must be >= 0, got ${r.maxGradNorm}.`);
  for (const k of ['adamBeta1', 'adamBeta2'] as const) if (!(r[k] >= 0 && r[k] < 1)) throw new RewardConfigError(`RewardConfig.${k} must be in [0, 1), got ${r[k]}.`);
  if (r.minLr !== null && !(r.minLr >= 0 && r.minLr <= r.learningRate)) throw new RewardConfigError(`RewardConfig.minLr must be in [0, learningRate], got ${r.minLr}.`);
  if (!(r.earlyStoppingThreshold >= 0)) throw new RewardConfigError(`RewardConfig.earlyStoppingThreshold must be >= 0, got ${r.earlyStoppingThreshold}.`);
  if (!(r.weightDecay >= 0)) throw new RewardConfigError(`RewardConfig.weightDecay must be >= 0, got ${r.weightDecay}.`);
  if (!['pointwise', 'pairwise', 'both'].includes(r.objective)) throw new RewardConfigError(`RewardConfig.objective must be 'pointwise', 'pairwise' or 'both', got ${JSON.stringify(r.objective)}.`);
  if (!['jd', 'cv', 'both'].includes(r.randomNegativeSide)) throw new RewardConfigError(`RewardConfig.randomNegativeSide must be 'jd', 'cv' or 'both', got ${JSON.stringify(r.randomNegativeSide)}.`);
  if (!['auc', 'pairwiseAccuracy', 'accuracy', 'logLoss'].includes(r.metricForBestModel)) {
    throw new RewardConfigError(`RewardConfig.metricForBestModel must be 'auc', 'pairwiseAccuracy', 'accuracy' or 'logLoss', got ${JSON.stringify(r.metricForBestModel)}.`);
  }
  for (const k of ['margin', 'pointwiseWeight', 'centerRewardsCoefficient'] as const) {
    if (!Number.isFinite(r[k]) || (k !== 'margin' && r[k] < 0)) throw new RewardConfigError(`RewardConfig.${k} must be a finite number${k !== 'margin' ? ' >= 0' : ''}, got ${r[k]}.`);
  }
  if (!Number.isInteger(r.maxLength) || r.maxLength < 8 || r.maxLength > modelMaxLength) {
    throw new RewardConfigError(`RewardConfig.maxLength must be an integer in [8, ${modelMaxLength}] (the model's maxLength), got ${r.maxLength}.`);
  }
  if (r.resume !== false && !r.checkpointDir) throw new RewardConfigError('RewardConfig.resume needs checkpointDir (the run resumes from <checkpointDir>/last).');
  return r;
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
