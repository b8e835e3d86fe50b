/** The SFT trainer's config: its fields, their defaults, and the resolver that checks them. */
import { assertKnownFields } from '@girl/core';

/** The SFT trainer's config. Every field is optional; defaults suit the `tiny` preset on CPU. */
export interface SftConfig {
  /** Examples per micro-batch. Default `8`: wasm's matmuls are efficient from ~1k tokens per batch. */
  batchSize?: number;
  /** Micro-batches per optimizer step (effective batch = batchSize × this). Default `1`. */
  gradAccumSteps?: number;
  /** Passes over the training set. Default `3`. Ignored when `maxSteps` is set. */
  epochs?: number;
  /** Optimizer steps to take; overrides `epochs`. Default: `epochs` worth. */
  maxSteps?: number;
  /** Peak learning rate. Default `1e-3`: nanoGPT's value for small models trained from scratch. */
  lr?: number;
  /** Floor of the cosine decay. Default `lr / 10` (nanoGPT, Chinchilla). */
  minLr?: number;
  /** Linear warmup steps. Default: 5% of the run, at most 100 (keeps early AdamW steps small). */
  warmupSteps?: number;
  /** AdamW decoupled weight decay (matrices only). Default `0.1` (GPT-2/3, nanoGPT). */
  weightDecay?: number;
  /** AdamW β₁. Default `0.9`. */
  beta1?: number;
  /** AdamW β₂. Default `0.95` (GPT training from scratch; use 0.999 to fine-tune a pretrained model). */
  beta2?: number;
  /** Clip the global gradient norm to this. Default `1.0` (GPT-2/3, nanoGPT). `0` disables clipping. */
  gradClip?: number;
  /** Evaluate every this many steps (and at the end). Default `100`. `0`: only at the end. */
  evalEvery?: number;
  /** Validation batch size. Default `2 × batchSize` (no gradients, so more fit). */
  evalBatchSize?: number;
  /** Stop after this many evaluations without improvement. Default `0` (off). */
  earlyStoppingPatience?: number;
  /** Smallest decrease of the validation loss that counts as an improvement. Default `0`. */
  earlyStoppingMinDelta?: number;
  /** Folder for checkpoints: `<dir>/last` (every `checkpointEvery` steps and at the end) and `<dir>/best`. Default: none. */
  checkpointDir?: string;
  /** Save `last` every this many steps. Default: `evalEvery` (or only at the end). */
  checkpointEvery?: number;
  /** Resume from `<checkpointDir>/last`: `true` (must exist), `'auto'` (if it exists) or `false`. Default `false`. */
  resume?: boolean | 'auto';
  /** Append one JSON object per line (step and eval records) to this file. Default: none. */
  metricsFile?: string;
  /** Seed of data order and dropout. Default `1337`. */
  seed?: number;
  /** Longest example in tokens. Default: the model's `contextLength`. */
  maxLength?: number;
  /** CV tokens always kept when the JD is long (see `encodeSftExample`). Default `32`. */
  minCvTokens?: number;
}

/** Every {@link SftConfig} field; anything else in a config is refused by name. */
const SFT_CONFIG_FIELDS = [
  'batchSize', 'gradAccumSteps', 'epochs', 'maxSteps', 'lr', 'minLr', 'warmupSteps', 'weightDecay', 'beta1', 'beta2', 'gradClip', 'evalEvery', 'evalBatchSize',
  'earlyStoppingPatience', 'earlyStoppingMinDelta', 'checkpointDir', 'checkpointEvery', 'resume', 'metricsFile', 'seed', 'maxLength', 'minCvTokens',
] satisfies (keyof SftConfig)[];

/** Resolved config: the JSON-able record stored in checkpoints. */
export type Resolved = Required<Omit<SftConfig, 'maxSteps' | 'checkpointDir' | 'metricsFile' | 'warmupSteps' | 'minLr' | 'checkpointEvery'>> & {
  maxSteps: number | null;
  warmupSteps: number | null;
  minLr: number | null;
  checkpointEvery: number | null;
  checkpointDir: string | null;
  metricsFile: string | null;
};

/** Fills the defaults and checks every field (unknown fields are refused by name). */
export function resolveSftConfig(c: SftConfig, contextLength: number): Resolved {
  assertKnownFields(c, SFT_CONFIG_FIELDS, 'SftConfig', (m) => new RangeError(m));
  const r: Resolved = {
    batchSize: c.batchSize ?? 8,
    gradAccumSteps: c.gradAccumSteps ?? 1,
    epochs: c.epochs ?? 3,
    maxSteps: c.maxSteps ?? null,
    lr: c.lr ?? 1e-3,
    minLr: c.minLr ?? null,
    warmupSteps: c.warmupSteps ?? null,
    weightDecay: c.weightDecay ?? 0.1,
    beta1: c.beta1 ?? 0.9,
    beta2: c.beta2 ?? 0.95,
    gradClip: c.gradClip ?? 1,
    evalEvery: c.evalEvery ?? 100,
    evalBatchSize: c.evalBatchSize ?? 2 * (c.batchSize ?? 8),
    earlyStoppingPatience: c.earlyStoppingPatience ?? 0,
    earlyStoppingMinDelta: c.earlyStoppingMinDelta ?? 0,
    checkpointDir: c.checkpointDir ?? null,
    checkpointEvery: c.checkpointEvery ?? null,
    resume: c.resume ?? false,
    metricsFile: c.metricsFile ?? null,
    seed: c.seed ?? 1337,
    maxLength: c.maxLength ?? contextLength,
    minCvTokens: c.minCvTokens ?? 32,
  };
  const posInt = (k: keyof Resolved, min = 1) => {
    const v = r[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new RangeError(`SftConfig.${k} must be an integer >= ${min}, got ${String(v)}.`);
  };
  posInt('batchSize');
  posInt('gradAccumSteps');
  posInt('evalBatchSize');
  posInt('evalEvery', 0);
  posInt('earlyStoppingPatience', 0);
  if (r.maxSteps !== null) posInt('maxSteps', 0);
  else if (!(r.epochs > 0)) throw new RangeError(`SftConfig.epochs must be > 0, got ${r.epochs}.`);
  if (!(r.lr > 0)) throw new RangeError(`SftConfig.lr must be > 0, got ${r.lr}.`);
  if (!(r.gradClip >= 0)) throw new RangeError(`SftConfig.gradClip must be >= 0, got ${r.gradClip}.`);
  if (r.maxLength > contextLength) throw new RangeError(`SftConfig.maxLength (${r.maxLength}) exceeds the model's contextLength (${contextLength}).`);
  if (r.resume !== false && !r.checkpointDir) throw new Error('SftConfig.resume needs checkpointDir (the run resumes from <checkpointDir>/last).');
  return r;
}

