/**
 * Supervised fine-tuning on CV → JD pairs: loss on the JD tokens only, length-grouped batches with
 * dynamic padding, AdamW with warmup + cosine decay, gradient clipping and accumulation, validation loss
 * and perplexity, early stopping, JSONL metrics, and checkpoints that resume exactly.
 */
import { Rng } from '@girl/core';
import { loopOptions, runTrainingLoop, tf } from '@girl/tensor';
import type { EpochData, TrainingLoopState, TrainingTask } from '@girl/tensor';
import { SFT_STATE_VERSION, loadSftCheckpoint, saveSftCheckpoint } from '../checkpoint.js';
import type { SftState } from '../checkpoint.js';
import { collate, lengthGroupedBatches } from './batching.js';
import type { SftBatch } from './batching.js';
import { encodeSftExample, templateIds } from './template.js';
import type { SftExample } from './template.js';
import { resolveSftConfig, sftWarmupSteps } from './config.js';
import { evaluateLossAsync, lossOf } from './loss.js';
import { TrainingDivergedError } from './trainer-types.js';
import type { EvalEvent, SftResult, StepEvent, TrainSftInput } from './trainer-types.js';

export type { SftConfig } from './config.js';
export { DEFAULT_SFT_CONFIG, SFT_RENAMED_FIELDS, resolveSftConfig } from './config.js';
export { evaluateLoss, evaluateLossAsync } from './loss.js';
export { TrainingDivergedError } from './trainer-types.js';
export type { EvalEvent, SftEvents, SftResult, StepEvent, TrainSftInput } from './trainer-types.js';

/**
 * Fine-tunes `model` on CV → JD pairs. Resolves when training ends (completed, early-stopped or aborted).
 *
 * @throws TrainingDivergedError when a loss or gradient norm is NaN/Infinity (no checkpoint written after).
 * @example
 * ```ts
 * const result = await trainSft({
 *   model, tokenizer: tok, train, valid,
 *   config: { numTrainEpochs: 3, learningRate: 1e-3, evalSteps: 50, checkpointDir: 'runs/7/ckpt', metricsFile: 'runs/7/metrics.jsonl', earlyStoppingPatience: 3 },
 *   events: { onEval: (e) => console.log(e.step, e.valLoss) },
 * });
 * ```
 */
export async function trainSft(input: TrainSftInput): Promise<SftResult> {
  const { model, tokenizer: tok } = input;
  const cfg = resolveSftConfig(input.config ?? {}, model.config.contextLength);
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
  const validBatches = lengthGroupedBatches(validEx.map((e) => e.ids.length), cfg.perDeviceEvalBatchSize, null).map((ix) => collate(ix.map((i) => validEx[i] as SftExample), pad));

  // 2. the saved copy of the config carries no path: a copied or moved run's checkpoint points nowhere else
  const { checkpointDir: _dir, metricsFile: _metrics, ...jsonConfig } = cfg;
  const trainerConfig = jsonConfig as unknown as Record<string, unknown>;
  const toSftState = (s: TrainingLoopState): SftState => ({
    version: SFT_STATE_VERSION, step: s.step, epoch: s.epoch, batchInEpoch: s.position, rng: s.rng, bestValLoss: s.best, badEvals: s.badEvals, totalSteps: s.totalSteps, trainerConfig, modelConfig: model.config,
  });

  // 3. the task: length-grouped batches per epoch, token-weighted cross-entropy on the JD tokens
  const task: TrainingTask<SftBatch, StepEvent, EvalEvent> = {
    params: model.params,
    batchesPerEpoch: Math.ceil(trainEx.length / cfg.perDeviceTrainBatchSize),
    epoch: (epoch): EpochData<SftBatch> => {
      const batches = lengthGroupedBatches(trainEx.map((e) => e.ids.length), cfg.perDeviceTrainBatchSize, new Rng(cfg.seed).fork(`epoch-${epoch}`));
      return { size: batches.length, take: (i) => ({ batch: collate((batches[i] as number[]).map((k) => trainEx[k] as SftExample), pad), units: 1 }) };
    },
    weight: (batch) => batch.targetTokens, // token-weighted: the step's gradient is that of the loss over all its JD tokens
    loss: (batch, rng) => ({ loss: lossOf(model, batch, true, rng) }),
    stats: (batch) => ({ tokens: batch.tokens }),
    stepEvent: (s) => {
      const tokens = s.stats.tokens ?? 0;
      return { step: s.step, epoch: s.epoch, loss: s.loss, lr: s.lr, gradNorm: s.gradNorm, tokens, tokensPerSecond: tokens / s.seconds };
    },
    evaluate: async (step) => {
      if (validBatches.length === 0) return null;
      const valLoss = await evaluateLossAsync(model, validBatches);
      return { metric: valLoss, event: (best) => ({ step, valLoss, valPerplexity: Math.exp(valLoss), best }) };
    },
    save: (dir, { optimizer, state }) => saveSftCheckpoint(dir, { model, tokenizer: tok, optimizer, state: toSftState(state) }),
    load: async (dir) => {
      const ck = await loadSftCheckpoint(dir);
      const drop = () => tf.dispose([...Object.values(ck.tensors), ...Object.values(ck.optimizer.slots)]);
      if (JSON.stringify(ck.config) !== JSON.stringify(model.config)) {
        drop();
        throw new Error(`trainSft: the checkpoint in '${dir}' is for model config ${JSON.stringify(ck.config)}, not ${JSON.stringify(model.config)}.`);
      }
      if (JSON.stringify(ck.tokenizer.toJSON()) !== JSON.stringify(tok.toJSON())) {
        drop();
        throw new Error(`trainSft: the checkpoint in '${dir}' was trained with a different tokenizer; pass the checkpoint's tokenizer (loadSftCheckpoint(dir).tokenizer).`);
      }
      const s = ck.state;
      return {
        tensors: ck.tensors,
        optimizer: ck.optimizer,
        state: { step: s.step, epoch: s.epoch, position: s.batchInEpoch, rng: s.rng, best: s.bestValLoss, bestStep: null, badEvals: s.badEvals, totalSteps: s.totalSteps },
      };
    },
    diverged: (step, what, value, dir) => new TrainingDivergedError(step, what, value, dir),
  };

  // 4. the shared loop: AdamW + warmup-cosine, accumulation, clipping, evaluation, checkpoints, abort
  const run = await runTrainingLoop(
    task,
    loopOptions(cfg, {
      warmupSteps: (total) => sftWarmupSteps(cfg, total),
      greaterIsBetter: false,
      lossMean: 'weighted',
      ...(input.events ? { events: input.events } : {}),
      signal: input.signal,
    }),
  );
  return { steps: run.steps, reason: run.reason, bestValLoss: run.best, lastValLoss: run.lastMetric, evals: run.evals, losses: run.losses, data, resumedFrom: run.resumedFrom };
}
