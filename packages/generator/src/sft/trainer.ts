/**
 * Supervised fine-tuning on CV → JD pairs: loss on the JD tokens only, length-grouped batches with
 * dynamic padding, AdamW with warmup + cosine decay, gradient clipping and accumulation, validation loss
 * and perplexity, early stopping, JSONL metrics, and checkpoints that resume exactly.
 */
import { AdamW, GradAccumulator, JsonlLog, Rng, clipGradNormAsync, findCheckpoint, crossEntropy, tf, warmupCosine } from '@girl/tensor';
import type { Tensor } from '@girl/tensor';
import type { Tokenizer } from '@girl/tokenizer';
import { assertKnownFields } from '@girl/core';
import { SFT_STATE_VERSION, loadSftCheckpoint, saveSftCheckpoint } from '../checkpoint.js';
import type { SftState } from '../checkpoint.js';
import type { CausalLM } from '../model/causal-lm.js';
import { collate, lengthGroupedBatches } from './batching.js';
import type { SftBatch } from './batching.js';
import { encodeSftExample, templateIds } from './template.js';
import type { SftExample } from './template.js';

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

/** Callbacks of {@link trainSft}. */
export interface SftEvents {
  onStep?: (e: StepEvent) => void;
  onEval?: (e: EvalEvent) => void;
  onCheckpoint?: (e: { step: number; dir: string; kind: 'last' | 'best' }) => void;
}

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

/** Thrown when a loss or gradient norm becomes NaN or ±Infinity. Nothing is saved after it. */
export class TrainingDivergedError extends Error {
  override name = 'TrainingDivergedError';
  constructor(
    readonly step: number,
    readonly what: 'loss' | 'gradient norm',
    readonly value: number,
    readonly checkpointDir?: string,
  ) {
    super(
      `SFT diverged at step ${step}: the ${what} is ${value}. ` +
        (checkpointDir ? `The last checkpoint in '${checkpointDir}/last' was left untouched; resume from it with a lower lr or stronger gradClip.` : 'Lower lr, raise warmupSteps or set gradClip.'),
    );
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

/** Every {@link SftConfig} field; anything else in a config is refused by name. */
const SFT_CONFIG_FIELDS = [
  'batchSize', 'gradAccumSteps', 'epochs', 'maxSteps', 'lr', 'minLr', 'warmupSteps', 'weightDecay', 'beta1', 'beta2', 'gradClip', 'evalEvery', 'evalBatchSize',
  'earlyStoppingPatience', 'earlyStoppingMinDelta', 'checkpointDir', 'checkpointEvery', 'resume', 'metricsFile', 'seed', 'maxLength', 'minCvTokens',
] satisfies (keyof SftConfig)[];

/** Resolved config: the JSON-able record stored in checkpoints. */
type Resolved = Required<Omit<SftConfig, 'maxSteps' | 'checkpointDir' | 'metricsFile' | 'warmupSteps' | 'minLr' | 'checkpointEvery'>> & {
  maxSteps: number | null;
  warmupSteps: number | null;
  minLr: number | null;
  checkpointEvery: number | null;
  checkpointDir: string | null;
  metricsFile: string | null;
};

function resolve(c: SftConfig, contextLength: number): Resolved {
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

/** Mean loss over `batches`, weighted by target tokens; one scalar read per batch. */
export function evaluateLoss(model: CausalLM, batches: readonly SftBatch[]): number {
  let sum = 0;
  let n = 0;
  for (const b of batches) {
    if (b.targetTokens === 0) continue;
    const l = tf.tidy(() => lossOf(model, b, false));
    sum += (l.dataSync()[0] as number) * b.targetTokens;
    n += b.targetTokens;
    l.dispose();
  }
  return n > 0 ? sum / n : NaN;
}

/** {@link evaluateLoss} with asynchronous reads (works on `webgpu`, which cannot read synchronously in Node). */
export async function evaluateLossAsync(model: CausalLM, batches: readonly SftBatch[]): Promise<number> {
  let sum = 0;
  let n = 0;
  for (const b of batches) {
    if (b.targetTokens === 0) continue;
    const l = tf.tidy(() => lossOf(model, b, false));
    sum += ((await l.data())[0] as number) * b.targetTokens;
    n += b.targetTokens;
    l.dispose();
  }
  return n > 0 ? sum / n : NaN;
}

function lossOf(model: CausalLM, b: SftBatch, training: boolean, rng?: Rng): Tensor {
  const [B, T] = b.shape;
  const logits = model.forward(tf.tensor2d(b.inputs, [B, T], 'int32'), training && rng ? { training, rng } : {}); // [B, T, V]
  return crossEntropy(logits, tf.tensor2d(b.targets, [B, T], 'int32'), tf.tensor2d(b.lossMask, [B, T]));
}

/**
 * Fine-tunes `model` on CV → JD pairs. Resolves when training ends (completed, early-stopped or aborted).
 *
 * @throws TrainingDivergedError when a loss or gradient norm is NaN/Infinity (no checkpoint written after).
 * @example
 * ```ts
 * const result = await trainSft({
 *   model, tokenizer: tok, train, valid,
 *   config: { epochs: 3, lr: 1e-3, evalEvery: 50, checkpointDir: 'runs/7/ckpt', metricsFile: 'runs/7/metrics.jsonl', earlyStoppingPatience: 3 },
 *   events: { onEval: (e) => console.log(e.step, e.valLoss) },
 * });
 * ```
 */
export async function trainSft(input: TrainSftInput): Promise<SftResult> {
  const { model, tokenizer: tok, events = {} } = input;
  const cfg = resolve(input.config ?? {}, model.config.contextLength);
  const pad = templateIds(tok).pad;
  if (tok.vocabSize > model.config.vocabSize) {
    throw new Error(`trainSft: the tokenizer has ${tok.vocabSize} ids but the model's vocabSize is ${model.config.vocabSize}.`);
  }
  if (input.train.length === 0) throw new Error('trainSft: no training pairs.');

  // 1. encode (CV cut before the JD target), report truncation
  const enc = (pairs: readonly { cv: string; jd: string }[]) => pairs.map((p) => encodeSftExample(tok, p, { maxLength: cfg.maxLength, minCvTokens: cfg.minCvTokens }));
  const trainEx: SftExample[] = enc(input.train);
  const validEx: SftExample[] = enc(input.valid ?? []);
  const all = [...trainEx, ...validEx];
  const data = { train: trainEx.length, valid: validEx.length, cvTruncated: all.filter((e) => e.cvTruncated > 0).length, jdTruncated: all.filter((e) => e.jdTruncated > 0).length };
  const validBatches = lengthGroupedBatches(validEx.map((e) => e.ids.length), cfg.evalBatchSize, null).map((ix) => collate(ix.map((i) => validEx[i] as SftExample), pad));

  // 2. the plan: batches per epoch, total steps, schedule
  const perEpoch = Math.ceil(trainEx.length / cfg.batchSize);
  const epochBatches = (epoch: number) => lengthGroupedBatches(trainEx.map((e) => e.ids.length), cfg.batchSize, new Rng(cfg.seed).fork(`epoch-${epoch}`));
  let totalSteps = cfg.maxSteps ?? Math.max(1, Math.floor((cfg.epochs * perEpoch) / cfg.gradAccumSteps));
  // the saved copy of the config carries no path: a copied or moved run's checkpoint points nowhere else
  const { checkpointDir: _dir, metricsFile: _metrics, ...jsonConfig } = cfg;

  // 3. start fresh or resume
  let state: SftState = {
    version: SFT_STATE_VERSION,
    step: 0,
    epoch: 0,
    batchInEpoch: 0,
    rng: new Rng(cfg.seed).fork('dropout').getState(),
    bestValLoss: null,
    badEvals: 0,
    totalSteps,
    trainerConfig: jsonConfig as unknown as Record<string, unknown>,
    modelConfig: model.config,
  };
  const lastDir = cfg.checkpointDir ? `${cfg.checkpointDir}/last` : null;
  let slots: Record<string, Tensor> | null = null;
  let adamStep = 0;
  if (lastDir && (cfg.resume === true || (cfg.resume === 'auto' && (await findCheckpoint(lastDir)) !== null))) {
    const ck = await loadSftCheckpoint(lastDir);
    if (JSON.stringify(ck.config) !== JSON.stringify(model.config)) {
      tf.dispose([...Object.values(ck.tensors), ...Object.values(ck.optimizer.slots)]);
      throw new Error(`trainSft: the checkpoint in '${lastDir}' is for model config ${JSON.stringify(ck.config)}, not ${JSON.stringify(model.config)}.`);
    }
    if (JSON.stringify(ck.tokenizer.toJSON()) !== JSON.stringify(tok.toJSON())) {
      tf.dispose([...Object.values(ck.tensors), ...Object.values(ck.optimizer.slots)]);
      throw new Error(`trainSft: the checkpoint in '${lastDir}' was trained with a different tokenizer; pass the checkpoint's tokenizer (loadSftCheckpoint(dir).tokenizer).`);
    }
    for (const [name, t] of Object.entries(ck.tensors)) model.params[name]?.assign(t);
    tf.dispose(Object.values(ck.tensors));
    slots = ck.optimizer.slots;
    adamStep = ck.optimizer.step;
    state = ck.state;
    // an explicit maxSteps on resume wins (e.g. more steps); otherwise the saved plan continues
    totalSteps = cfg.maxSteps ?? state.totalSteps;
    state.totalSteps = totalSteps;
    state.trainerConfig = jsonConfig as unknown as Record<string, unknown>;
  }
  const resumedFrom = state.step;
  const warmup = cfg.warmupSteps ?? Math.min(100, Math.floor(totalSteps * 0.05));
  const opt = new AdamW(model.params, {
    lr: warmupCosine({ peakLr: cfg.lr, warmupSteps: Math.min(warmup, totalSteps), totalSteps, ...(cfg.minLr !== null ? { minLr: cfg.minLr } : {}) }),
    beta1: cfg.beta1,
    beta2: cfg.beta2,
    weightDecay: cfg.weightDecay,
  });
  if (slots) {
    opt.setState({ step: adamStep, slots });
    tf.dispose(Object.values(slots));
  }
  const dropoutRng = Rng.fromState(state.rng);

  // 4. metrics file: on resume, drop records past the checkpoint so the file reads as one run
  const metrics = cfg.metricsFile ? await JsonlLog.open(cfg.metricsFile, { keep: (r) => typeof r.step === 'number' && r.step <= resumedFrom }) : null;
  const result: SftResult = { steps: state.step, reason: 'completed', bestValLoss: state.bestValLoss, lastValLoss: null, evals: [], losses: [], data, resumedFrom };

  const checkpoint = async (kind: 'last' | 'best') => {
    if (!cfg.checkpointDir) return;
    const dir = `${cfg.checkpointDir}/${kind}`;
    await metrics?.sync(); // the records of the steps this checkpoint covers reach the disk first
    await saveSftCheckpoint(dir, { model, tokenizer: tok, optimizer: opt, state: { ...state, rng: dropoutRng.getState() } });
    events.onCheckpoint?.({ step: state.step, dir, kind });
  };
  const evaluate = async (): Promise<boolean> => {
    if (validBatches.length === 0) return false;
    const valLoss = await evaluateLossAsync(model, validBatches);
    const improved = state.bestValLoss === null || valLoss < state.bestValLoss - cfg.earlyStoppingMinDelta;
    if (improved) {
      state.bestValLoss = valLoss;
      state.badEvals = 0;
    } else state.badEvals++;
    const e: EvalEvent = { step: state.step, valLoss, valPerplexity: Math.exp(valLoss), best: improved };
    result.evals.push(e);
    result.lastValLoss = valLoss;
    result.bestValLoss = state.bestValLoss;
    events.onEval?.(e);
    metrics?.append({ type: 'eval', ...e, time: new Date().toISOString() });
    if (improved) await checkpoint('best');
    return cfg.earlyStoppingPatience > 0 && state.badEvals >= cfg.earlyStoppingPatience;
  };

  // 5. the loop: accumulate micro-batches, clip, step; evaluate, checkpoint, stop early
  const acc = new GradAccumulator();
  const vars = Object.values(model.params);
  let batches = epochBatches(state.epoch);
  try {
    while (state.step < totalSteps) {
      if (input.signal?.aborted) {
        result.reason = 'aborted';
        break;
      }
      const t0 = performance.now();
      let lossSum = 0;
      let targetSum = 0;
      let tokens = 0;
      for (let micro = 0; micro < cfg.gradAccumSteps; micro++) {
        if (state.batchInEpoch >= batches.length) {
          state.epoch++;
          state.batchInEpoch = 0;
          batches = epochBatches(state.epoch);
        }
        const batch = collate((batches[state.batchInEpoch] as number[]).map((i) => trainEx[i] as SftExample), pad);
        state.batchInEpoch++;
        if (batch.targetTokens === 0) continue;
        const lossValue = tf.tidy(() => {
          const { value, grads } = tf.variableGrads(() => lossOf(model, batch, true, dropoutRng) as tf.Scalar, vars);
          acc.add(grads, batch.targetTokens); // token-weighted: equals the loss over all micro-batches' tokens
          return value;
        });
        const l = (await lossValue.data())[0] as number;
        lossValue.dispose();
        if (!Number.isFinite(l)) throw new TrainingDivergedError(state.step + 1, 'loss', l, cfg.checkpointDir ?? undefined);
        lossSum += l * batch.targetTokens;
        targetSum += batch.targetTokens;
        tokens += batch.tokens;
      }
      if (targetSum === 0) continue;
      const lr = opt.getLearningRate();
      const mean = acc.mean();
      let gradNorm = NaN;
      try {
        const clipped = cfg.gradClip > 0 ? await clipGradNormAsync(mean, cfg.gradClip) : { grads: mean, norm: NaN, finite: true };
        gradNorm = clipped.norm;
        if (!clipped.finite) throw new TrainingDivergedError(state.step + 1, 'gradient norm', gradNorm, cfg.checkpointDir ?? undefined);
        opt.step(clipped.grads);
        tf.dispose(clipped.grads);
      } finally {
        tf.dispose(mean);
        acc.reset();
      }
      state.step++;
      const loss = lossSum / targetSum;
      const dt = (performance.now() - t0) / 1000;
      const e: StepEvent = { step: state.step, epoch: state.epoch, loss, lr, gradNorm, tokens, tokensPerSecond: tokens / dt };
      result.losses.push(loss);
      result.steps = state.step;
      events.onStep?.(e);
      metrics?.append({ type: 'step', ...e, time: new Date().toISOString() });
      const last = state.step >= totalSteps;
      let stop = false;
      if ((cfg.evalEvery > 0 && state.step % cfg.evalEvery === 0) || last) stop = await evaluate();
      const every = cfg.checkpointEvery ?? cfg.evalEvery;
      if ((every > 0 && state.step % every === 0) || last || stop) await checkpoint('last');
      if (stop) {
        result.reason = 'early-stopping';
        break;
      }
    }
    if (result.reason === 'aborted') await checkpoint('last');
  } finally {
    acc.dispose();
    opt.dispose();
    await metrics?.close();
  }
  return result;
}
