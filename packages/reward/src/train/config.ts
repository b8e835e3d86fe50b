/**
 * The reward trainer's one config object. Names follow TRL's `RewardConfig` / HF `TrainingArguments`
 * in camelCase where they fit (`learningRate`, `numTrainEpochs`, `perDeviceTrainBatchSize`, …); the rest
 * are GIRL's (objectives, negatives, class balance).
 */

import { assertKnownFields } from '@girl/core';

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
  /** Share of the steps spent in linear warmup (`warmup_ratio`), then cosine decay to lr/10. Default `0.05`. */
  warmupRatio?: number;
  /** AdamW decoupled weight decay on matrices (`weight_decay`). Default `0.01`. */
  weightDecay?: number;
  /** Global gradient-norm clip (`max_grad_norm`). Default `1`. `0` disables it. */
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
  evalEvery?: number;
  /** Stop after this many evaluations without improvement (`early_stopping_patience`). Default `0` (off). */
  patience?: number;
  /** Validation metric that decides "best" (`metric_for_best_model`). Default `'auc'`; `'logLoss'` is minimised. */
  metricForBestModel?: 'auc' | 'pairwiseAccuracy' | 'accuracy' | 'logLoss';
  /** Put the best evaluation's weights back into the model when training ends (`load_best_model_at_end`). Default `true`. */
  loadBestModelAtEnd?: boolean;
  /** Longest training pair in tokens. Default: the model's `settings.maxLength`. */
  maxLength?: number;
  /** Folder for `<dir>/last` and `<dir>/best` checkpoints. Default: none. */
  checkpointDir?: string;
  /** Save `last` every this many steps. Default: `evalEvery` (and always at the end). */
  checkpointEvery?: number;
  /** Resume from `<checkpointDir>/last`: `true` (must exist), `'auto'` (if it exists), `false` (default). */
  resume?: boolean | 'auto';
  /** Append one JSON object per line (step and eval records) to this file. Default: none. */
  metricsFile?: string;
  /** Seed of data order, random negatives and dropout. Default `1337`. */
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
  evalEvery: number;
  patience: number;
  metricForBestModel: 'auc' | 'pairwiseAccuracy' | 'accuracy' | 'logLoss';
  loadBestModelAtEnd: boolean;
  maxLength: number;
  checkpointDir: string | null;
  checkpointEvery: number | null;
  resume: boolean | 'auto';
  metricsFile: string | null;
  seed: number;
}

/** Every {@link RewardConfig} field; anything else in a config is refused by name. */
const REWARD_CONFIG_FIELDS = [
  'learningRate', 'numTrainEpochs', 'maxSteps', 'perDeviceTrainBatchSize', 'perDeviceEvalBatchSize', 'gradientAccumulationSteps', 'warmupRatio', 'weightDecay',
  'maxGradNorm', 'objective', 'margin', 'pointwiseWeight', 'centerRewardsCoefficient', 'hardNegatives', 'randomNegativesPerPositive', 'randomNegativeSide',
  'classBalance', 'lexicalWarmStart', 'evalEvery', 'patience', 'metricForBestModel', 'loadBestModelAtEnd', 'maxLength', 'checkpointDir', 'checkpointEvery',
  'resume', 'metricsFile', 'seed',
] satisfies (keyof RewardConfig)[];

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
  assertKnownFields(c, REWARD_CONFIG_FIELDS, 'RewardConfig', (m) => new RewardConfigError(m));
  const r: ResolvedRewardConfig = {
    learningRate: c.learningRate ?? 5e-4,
    numTrainEpochs: c.numTrainEpochs ?? 3,
    maxSteps: c.maxSteps ?? null,
    perDeviceTrainBatchSize: c.perDeviceTrainBatchSize ?? 16,
    perDeviceEvalBatchSize: c.perDeviceEvalBatchSize ?? 64,
    gradientAccumulationSteps: c.gradientAccumulationSteps ?? 1,
    warmupRatio: c.warmupRatio ?? 0.05,
    weightDecay: c.weightDecay ?? 0.01,
    maxGradNorm: c.maxGradNorm ?? 1,
    objective: c.objective ?? 'both',
    margin: c.margin ?? 0,
    pointwiseWeight: c.pointwiseWeight ?? 1,
    centerRewardsCoefficient: c.centerRewardsCoefficient ?? 0,
    hardNegatives: c.hardNegatives ?? true,
    randomNegativesPerPositive: c.randomNegativesPerPositive ?? 1,
    randomNegativeSide: c.randomNegativeSide ?? 'both',
    classBalance: c.classBalance ?? true,
    lexicalWarmStart: c.lexicalWarmStart ?? true,
    evalEvery: c.evalEvery ?? 50,
    patience: c.patience ?? 0,
    metricForBestModel: c.metricForBestModel ?? 'auc',
    loadBestModelAtEnd: c.loadBestModelAtEnd ?? true,
    maxLength: c.maxLength ?? modelMaxLength,
    checkpointDir: c.checkpointDir ?? null,
    checkpointEvery: c.checkpointEvery ?? null,
    resume: c.resume ?? false,
    metricsFile: c.metricsFile ?? null,
    seed: c.seed ?? 1337,
  };
  const int = (k: keyof ResolvedRewardConfig, min: number) => {
    const v = r[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new RewardConfigError(`RewardConfig.${k} must be an integer >= ${min}, got ${JSON.stringify(v)}.`);
  };
  int('perDeviceTrainBatchSize', 1);
  int('perDeviceEvalBatchSize', 1);
  int('gradientAccumulationSteps', 1);
  int('randomNegativesPerPositive', 0);
  int('evalEvery', 0);
  int('patience', 0);
  int('seed', 0);
  if (r.maxSteps !== null) int('maxSteps', 0);
  else if (!(r.numTrainEpochs > 0)) throw new RewardConfigError(`RewardConfig.numTrainEpochs must be > 0, got ${r.numTrainEpochs}.`);
  if (r.checkpointEvery !== null) int('checkpointEvery', 1);
  if (!(r.learningRate > 0)) throw new RewardConfigError(`RewardConfig.learningRate must be > 0, got ${r.learningRate}.`);
  if (!(r.warmupRatio >= 0 && r.warmupRatio < 1)) throw new RewardConfigError(`RewardConfig.warmupRatio must be in [0, 1), got ${r.warmupRatio}.`);
  if (!(r.maxGradNorm >= 0)) throw new RewardConfigError(`RewardConfig.maxGradNorm must be >= 0, got ${r.maxGradNorm}.`);
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
