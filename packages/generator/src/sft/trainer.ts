/**
 * Supervised fine-tuning on CV → JD pairs: loss on the JD tokens only, length-grouped batches with
 * dynamic padding, AdamW with warmup + cosine decay, gradient clipping and accumulation, validation loss
 * and perplexity, early stopping, JSONL metrics, and checkpoints that resume exactly.
 */
import { AdamW, GradAccumulator, JsonlLog, Rng, clipGradNormAsync, findCheckpoint, tf, warmupCosine } from '@girl/tensor';
import type { Tensor } from '@girl/tensor';
import { SFT_STATE_VERSION, loadSftCheckpoint, saveSftCheckpoint } from '../checkpoint.js';
import type { SftState } from '../checkpoint.js';
import { collate, lengthGroupedBatches } from './batching.js';
import { encodeSftExample, templateIds } from './template.js';
import type { SftExample } from './template.js';
import { resolveSftConfig } from './config.js';
import { evaluateLossAsync, lossOf } from './loss.js';
import { TrainingDivergedError } from './trainer-types.js';
import type { EvalEvent, SftResult, StepEvent, TrainSftInput } from './trainer-types.js';

export type { SftConfig } from './config.js';
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
 *   config: { epochs: 3, lr: 1e-3, evalEvery: 50, checkpointDir: 'runs/7/ckpt', metricsFile: 'runs/7/metrics.jsonl', earlyStoppingPatience: 3 },
 *   events: { onEval: (e) => console.log(e.step, e.valLoss) },
 * });
 * ```
 */
export async function trainSft(input: TrainSftInput): Promise<SftResult> {
  const { model, tokenizer: tok, events = {} } = input;
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
