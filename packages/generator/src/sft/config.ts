/**
 * The SFT trainer's config: its fields (Hugging Face TRL's `SFTConfig` / `TrainingArguments` names in
 * camelCase, the same as @girl/reward's for the same concept), their defaults, and the resolver that
 * checks them.
 */
import { assertKnownFields } from '@girl/core';
import { DEFAULT_TRAINING_SEED } from '@girl/tensor';

/** The SFT trainer's config. Every field is optional; defaults suit the `tiny` preset on CPU. */
export interface SftConfig {
  /** Examples per micro-batch (`per_device_train_batch_size`). Default `8`: wasm's matmuls are efficient from ~1k tokens per batch. */
  perDeviceTrainBatchSize?: number;
  /** Validation batch size (`per_device_eval_batch_size`). Default `2 × perDeviceTrainBatchSize` (no gradients, so more fit). */
  perDeviceEvalBatchSize?: number;
  /** Micro-batches per optimizer step (`gradient_accumulation_steps`; effective batch = perDeviceTrainBatchSize × this). Default `1`. */
  gradientAccumulationSteps?: number;
  /** Passes over the training set (`num_train_epochs`). Default `3`. Ignored when `maxSteps` is set. */
  numTrainEpochs?: number;
  /** Optimizer steps to take (`max_steps`); overrides `numTrainEpochs`. Default: `numTrainEpochs` worth. */
  maxSteps?: number;
  /** Peak learning rate (`learning_rate`). Default `1e-3`: nanoGPT's value for small models trained from scratch. */
  learningRate?: number;
  /** Floor of the cosine decay. Default `learningRate / 10` (nanoGPT, Chinchilla). */
  minLr?: number;
  /** Linear warmup steps (`warmup_steps`); wins over `warmupRatio`. Default: from `warmupRatio`. */
  warmupSteps?: number;
  /** Share of the run spent in linear warmup (`warmup_ratio`), at most 100 steps. Default `0.05` (keeps early AdamW steps small). */
  warmupRatio?: number;
  /** AdamW decoupled weight decay, matrices only (`weight_decay`). Default `0.1` (GPT-2/3, nanoGPT). */
  weightDecay?: number;
  /** AdamW β₁ (`adam_beta1`). Default `0.9`. */
  adamBeta1?: number;
  /** AdamW β₂ (`adam_beta2`). Default `0.95` (GPT training from scratch; use 0.999 to fine-tune a pretrained model). */
  adamBeta2?: number;
  /** Clip the global gradient norm to this (`max_grad_norm`). Default `1.0` (GPT-2/3, nanoGPT). `0`: no clipping (NaN / Infinity still stops training). */
  maxGradNorm?: number;
  /** Evaluate every this many steps and at the end (`eval_steps`). Default `100`. `0`: only at the end. */
  evalSteps?: number;
  /** Save `<checkpointDir>/last` every this many steps and at the end (`save_steps`). Default: `evalSteps`. */
  saveSteps?: number;
  /** Stop after this many evaluations without improvement (`early_stopping_patience`). Default `0` (off). */
  earlyStoppingPatience?: number;
  /** Smallest fall of the validation loss that counts as an improvement (`early_stopping_threshold`). Default `0`. */
  earlyStoppingThreshold?: number;
  /** Folder for checkpoints: `<dir>/last` (every `saveSteps` steps and at the end) and `<dir>/best`. Default: none. */
  checkpointDir?: string;
  /** Resume from `<checkpointDir>/last`: `true` (must exist), `'auto'` (if it exists) or `false`. Default `false`. */
  resume?: boolean | 'auto';
  /** Append one JSON object per line (step and eval records) to this file. Default: none. */
  metricsFile?: string;
  /** Seed of data order and dropout. Default `1337` (@girl/tensor's `DEFAULT_TRAINING_SEED`, also @girl/reward's). */
  seed?: number;
  /** Longest example in tokens (`max_length`). Default: the model's `contextLength`. */
  maxLength?: number;
  /** CV tokens always kept when the JD is long (see `encodeSftExample`). Default `32`. */
  minCvTokens?: number;
}

/** Resolved config: the JSON-able record stored in checkpoints (null: derived, see each field). */
export type Resolved = Required<Omit<SftConfig, 'maxSteps' | 'checkpointDir' | 'metricsFile' | 'warmupSteps' | 'minLr' | 'saveSteps'>> & {
  maxSteps: number | null;
  warmupSteps: number | null;
  minLr: number | null;
  saveSteps: number | null;
  checkpointDir: string | null;
  metricsFile: string | null;
};

/**
 * Every {@link SftConfig} field with its default; `null` where the default is derived (from the model,
 * the run's length or another field: see {@link SftConfig}).
 *
 * @example
 * ```ts
 * DEFAULT_SFT_CONFIG.learningRate; // 1e-3
 * Object.keys(DEFAULT_SFT_CONFIG); // every field trainSft accepts
 * ```
 */
export const DEFAULT_SFT_CONFIG: Readonly<Omit<Resolved, 'perDeviceEvalBatchSize' | 'maxLength'> & { perDeviceEvalBatchSize: number | null; maxLength: number | null }> = Object.freeze({
  perDeviceTrainBatchSize: 8,
  perDeviceEvalBatchSize: null,
  gradientAccumulationSteps: 1,
  numTrainEpochs: 3,
  maxSteps: null,
  learningRate: 1e-3,
  minLr: null,
  warmupSteps: null,
  warmupRatio: 0.05,
  weightDecay: 0.1,
  adamBeta1: 0.9,
  adamBeta2: 0.95,
  maxGradNorm: 1,
  evalSteps: 100,
  saveSteps: null,
  earlyStoppingPatience: 0,
  earlyStoppingThreshold: 0,
  checkpointDir: null,
  resume: false,
  metricsFile: null,
  seed: DEFAULT_TRAINING_SEED,
  maxLength: null,
  minCvTokens: 32,
});

/** The SFT config's old field names (before #14) → today's; a config with an old name is refused naming the new one. */
export const SFT_RENAMED_FIELDS: Readonly<Record<string, keyof SftConfig>> = Object.freeze({
  batchSize: 'perDeviceTrainBatchSize',
  evalBatchSize: 'perDeviceEvalBatchSize',
  gradAccumSteps: 'gradientAccumulationSteps',
  epochs: 'numTrainEpochs',
  lr: 'learningRate',
  beta1: 'adamBeta1',
  beta2: 'adamBeta2',
  gradClip: 'maxGradNorm',
  evalEvery: 'evalSteps',
  checkpointEvery: 'saveSteps',
  earlyStoppingMinDelta: 'earlyStoppingThreshold',
});

/**
 * Fills the defaults and checks every field (an unknown field is refused by name, with its new name when
 * it was renamed or the nearest known one).
 *
 * @throws RangeError naming the bad field.
 * @example
 * ```ts
 * resolveSftConfig({ learningRate: 2e-3 }, 256).perDeviceEvalBatchSize; // 16
 * resolveSftConfig({ lr: 2e-3 } as SftConfig, 256); // RangeError: SftConfig: unknown field 'lr' (renamed 'learningRate'). …
 * ```
 */
export function resolveSftConfig(c: SftConfig, contextLength: number): Resolved {
  assertKnownFields(c, Object.keys(DEFAULT_SFT_CONFIG), 'SftConfig', { renamed: SFT_RENAMED_FIELDS, makeError: (m) => new RangeError(m) });
  const d = DEFAULT_SFT_CONFIG;
  const r: Resolved = {
    ...d,
    ...withoutUndefined(c),
    perDeviceEvalBatchSize: c.perDeviceEvalBatchSize ?? 2 * (c.perDeviceTrainBatchSize ?? d.perDeviceTrainBatchSize),
    maxLength: c.maxLength ?? contextLength,
  };
  const posInt = (k: keyof Resolved, min = 1) => {
    const v = r[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new RangeError(`SftConfig.${k} must be an integer >= ${min}, got ${String(v)}.`);
  };
  posInt('perDeviceTrainBatchSize');
  posInt('gradientAccumulationSteps');
  posInt('perDeviceEvalBatchSize');
  posInt('evalSteps', 0);
  posInt('earlyStoppingPatience', 0);
  if (r.saveSteps !== null) posInt('saveSteps');
  if (r.warmupSteps !== null) posInt('warmupSteps', 0);
  if (r.maxSteps !== null) posInt('maxSteps', 0);
  else if (!(r.numTrainEpochs > 0)) throw new RangeError(`SftConfig.numTrainEpochs must be > 0, got ${r.numTrainEpochs}.`);
  if (!(r.learningRate > 0)) throw new RangeError(`SftConfig.learningRate must be > 0, got ${r.learningRate}.`);
  if (!(r.warmupRatio >= 0 && r.warmupRatio < 1)) throw new RangeError(`SftConfig.warmupRatio must be in [0, 1), got ${r.warmupRatio}.`);
  if (!(r.maxGradNorm >= 0)) throw new RangeError(`SftConfig.maxGradNorm must be >= 0, got ${r.maxGradNorm}.`);
  if (r.maxLength > contextLength) throw new RangeError(`SftConfig.maxLength (${r.maxLength}) exceeds the model's contextLength (${contextLength}).`);
  if (r.resume !== false && !r.checkpointDir) throw new Error('SftConfig.resume needs checkpointDir (the run resumes from <checkpointDir>/last).');
  return r;
}

/** The SFT warmup for a run of `totalSteps`: `warmupSteps`, else `warmupRatio` of the run, at most 100 steps. */
export function sftWarmupSteps(cfg: Pick<Resolved, 'warmupSteps' | 'warmupRatio'>, totalSteps: number): number {
  return cfg.warmupSteps ?? Math.min(100, Math.floor(totalSteps * cfg.warmupRatio));
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
