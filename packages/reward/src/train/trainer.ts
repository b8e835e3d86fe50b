/**
 * Trains a {@link RewardModel} from recruiter feedback: pointwise BCE and/or pairwise Bradley–Terry,
 * hard negatives from the data and random negatives by re-pairing, class balance, AdamW with warmup +
 * cosine decay, clipping, accumulation, validation with early stopping, JSONL metrics, and checkpoints
 * that resume exactly.
 */
import { AdamW, GradAccumulator, JsonlLog, Rng, clipGradNormAsync, findCheckpoint, tf, warmupCosine } from '@girl/tensor';
import type { Tensor } from '@girl/tensor';
import { evaluateRewardModel } from '../eval/evaluate.js';
import type { RmExample } from '../model/encode.js';
import type { RewardModel } from '../model/reward-model.js';
import { REWARD_TRAINER_STATE_VERSION, loadRewardCheckpoint, saveRewardCheckpoint } from './checkpoint.js';
import type { RewardTrainerState } from './checkpoint.js';
import { resolveRewardConfig } from './config.js';
import { buildTrainingSet } from './dataset.js';
import { LEXICAL_SCALE } from '../model/lexical.js';
import { fitLexicalHead } from './lexical-warm-start.js';
import { centeringLoss, pairwiseLoss, pointwiseLoss } from './losses.js';

export { RewardTrainingDivergedError } from './trainer-types.js';
export type { RewardEvalEvent, RewardStepEvent, RewardTrainResult, RewardTrainerEvents, TrainRewardInput } from './trainer-types.js';
import { RewardTrainingDivergedError } from './trainer-types.js';
import type { RewardEvalEvent, RewardStepEvent, RewardTrainResult, TrainRewardInput } from './trainer-types.js';

const minimise = (m: string) => m === 'logLoss';

/**
 * Trains `model` in place. Resolves when training ends (completed, early-stopped or aborted); with
 * `loadBestModelAtEnd` and `valid`, the model then holds the best evaluation's weights.
 *
 * @throws RewardTrainingDivergedError on a NaN/Infinity loss or gradient (the last checkpoint is kept).
 * @throws RewardConfigError for a bad config field.
 * @example
 * ```ts
 * const market = createJobMarket({ seed: 1 });
 * const { train, validation } = splitByGroup(market.pairs, { key: (p) => p.group, seed: 1 });
 * const rm = RewardModel.create({ tokenizer: tok, backbone: { dModel: 64, nLayer: 2, nHead: 4, contextLength: 192 } });
 * const result = await trainRewardModel({
 *   model: rm, train, valid: validation,
 *   config: { objective: 'both', maxSteps: 300, evalEvery: 50, patience: 3, checkpointDir: 'runs/rm' },
 *   events: { onEval: (e) => console.log(e.step, e.metrics.auc) },
 * });
 * ```
 */
export async function trainRewardModel(input: TrainRewardInput): Promise<RewardTrainResult> {
  const { model, events = {} } = input;
  const cfg = resolveRewardConfig(input.config ?? {}, model.settings.maxLength);
  if (input.train.length === 0) throw new Error('trainRewardModel: no training pairs.');

  // 1. training units: rows (pointwise) or comparisons (pairwise / both); encode every row once
  const set = buildTrainingSet(input.train, cfg);
  if (cfg.objective !== 'pointwise' && set.comparisons.length === 0) {
    throw new Error(`trainRewardModel: objective '${cfg.objective}' needs (positive, negative) pairs in the same group, and none exist; give rows a shared 'group', set randomNegativesPerPositive > 0, or use objective 'pointwise'.`);
  }
  const encoded: RmExample[] = set.rows.map((r) => encodeFor(model, r.cv, r.jd, cfg.maxLength));
  const unitCount = cfg.objective === 'pointwise' ? set.rows.length : set.comparisons.length;
  const data = {
    rows: set.rows.length,
    ...set.counts,
    cvTruncated: encoded.filter((e) => e.cvTruncated > 0).length,
    jdTruncated: encoded.filter((e) => e.jdTruncated > 0).length,
  };

  // 2. the plan: steps, schedule, per-epoch order
  const B = cfg.perDeviceTrainBatchSize;
  const perEpoch = Math.ceil(unitCount / B);
  let totalSteps = cfg.maxSteps ?? Math.max(1, Math.floor((cfg.numTrainEpochs * perEpoch) / cfg.gradientAccumulationSteps));
  const epochOrder = (epoch: number) => new Rng(cfg.seed).fork(`epoch-${epoch}`).shuffle(Array.from({ length: unitCount }, (_, i) => i));

  // 3. start fresh or resume; the saved config carries no path, so a copied run's checkpoint points nowhere else
  const portableConfig = { ...cfg, checkpointDir: null, metricsFile: null };
  let state: RewardTrainerState = {
    version: REWARD_TRAINER_STATE_VERSION,
    step: 0,
    epoch: 0,
    unitInEpoch: 0,
    rng: new Rng(cfg.seed).fork('dropout').getState(),
    best: null,
    bestStep: null,
    badEvals: 0,
    totalSteps,
    config: portableConfig,
  };
  const lastDir = cfg.checkpointDir ? `${cfg.checkpointDir}/last` : null;
  let slots: Record<string, Tensor> | null = null;
  let adamStep = 0;
  if (lastDir && (cfg.resume === true || (cfg.resume === 'auto' && (await findCheckpoint(lastDir)) !== null))) {
    const ck = await loadRewardCheckpoint(lastDir);
    const drop = () => tf.dispose([...Object.values(ck.tensors), ...Object.values(ck.optimizer.slots)]);
    if (JSON.stringify(ck.backbone) !== JSON.stringify(model.backbone.config)) {
      drop();
      throw new Error(`trainRewardModel: the checkpoint in '${lastDir}' has backbone ${JSON.stringify(ck.backbone)}, not ${JSON.stringify(model.backbone.config)}.`);
    }
    if (ck.tokenizerJson !== JSON.stringify(model.tokenizer.toJSON())) {
      drop();
      throw new Error(`trainRewardModel: the checkpoint in '${lastDir}' was trained with a different tokenizer; load the model with RewardModel.load('${lastDir}') and resume with it.`);
    }
    const params = model.params;
    for (const [name, t] of Object.entries(ck.tensors)) params[name]?.assign(t);
    tf.dispose(Object.values(ck.tensors));
    slots = ck.optimizer.slots;
    adamStep = ck.optimizer.step;
    state = ck.state;
    // an explicit maxSteps on resume wins (e.g. more steps); otherwise the saved plan continues
    totalSteps = cfg.maxSteps ?? state.totalSteps;
    state.totalSteps = totalSteps;
    state.config = portableConfig;
  }
  const resumedFrom = state.step;
  const params = model.params;
  const warmupSteps = Math.min(totalSteps, Math.floor(totalSteps * cfg.warmupRatio));
  const opt = new AdamW(params, {
    lr: warmupCosine({ peakLr: cfg.learningRate, warmupSteps, totalSteps }),
    weightDecay: cfg.weightDecay,
    beta2: 0.999,
  });
  if (slots) {
    opt.setState({ step: adamStep, slots });
    tf.dispose(Object.values(slots));
  }
  const dropoutRng = Rng.fromState(state.rng);
  // a resumed run drops the records past its checkpoint, so every step is in the file once
  // a fresh start keeps nothing: records of a session killed before its first checkpoint (e.g. the warm
  // start's step-0 evaluation) are written again by this one
  const metrics = cfg.metricsFile ? await JsonlLog.open(cfg.metricsFile, { keep: (r) => resumedFrom > 0 && typeof r.step === 'number' && r.step <= resumedFrom }) : null;
  const result: RewardTrainResult = { steps: state.step, reason: 'completed', best: state.best, bestStep: state.bestStep, evals: [], losses: [], data, resumedFrom };

  let bestWeights: Record<string, Tensor> | null = null;
  const checkpoint = async (kind: 'last' | 'best') => {
    if (!cfg.checkpointDir) return;
    const dir = `${cfg.checkpointDir}/${kind}`;
    await metrics?.sync(); // the records of the steps this checkpoint covers reach the disk first
    await saveRewardCheckpoint(dir, { model, optimizer: opt, state: { ...state, rng: dropoutRng.getState() } });
    events.onCheckpoint?.({ step: state.step, dir, kind });
  };
  const evaluate = async (): Promise<boolean> => {
    if (!input.valid || input.valid.length === 0) return false;
    const ev = await evaluateRewardModel(model, input.valid, { batchSize: cfg.perDeviceEvalBatchSize, baselines: false });
    const value = ev.model[cfg.metricForBestModel];
    const better = Number.isFinite(value) && (state.best === null || (minimise(cfg.metricForBestModel) ? value < state.best : value > state.best));
    if (better) {
      state.best = value;
      state.bestStep = state.step;
      state.badEvals = 0;
      if (cfg.loadBestModelAtEnd) {
        if (bestWeights) tf.dispose(Object.values(bestWeights));
        bestWeights = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, tf.clone(v)]));
      }
    } else state.badEvals++;
    const e: RewardEvalEvent = { step: state.step, metrics: ev.model, best: better };
    result.evals.push(e);
    result.best = state.best;
    result.bestStep = state.bestStep;
    events.onEval?.(e);
    metrics?.append({ type: 'eval', step: state.step, ...ev.model, best: better, time: new Date().toISOString() });
    if (better) await checkpoint('best');
    return cfg.patience > 0 && state.badEvals >= cfg.patience;
  };

  // 4. the loss of one micro-batch of units
  const rowIds = (units: number[]): number[] => (cfg.objective === 'pointwise' ? units : units.flatMap((u) => set.comparisons[u] as [number, number]));
  const lossOf = (units: number[]): { loss: Tensor; logits: Tensor } => {
    const ids = rowIds(units);
    const batch = model.collate(ids.map((i) => encoded[i] as RmExample));
    const logits = model.logits(batch, { training: true, rng: dropoutRng }); // [N]
    let loss: Tensor;
    if (cfg.objective === 'pointwise') {
      const labels = tf.tensor1d(ids.map((i) => set.rows[i]?.label as number));
      const w = tf.tensor1d(ids.map((i) => set.weights[i] as number));
      loss = pointwiseLoss(logits, labels, w);
    } else {
      const pairs = tf.reshape(logits, [units.length, 2]); // [n, 2]: chosen, rejected
      const chosen = tf.reshape(tf.slice(pairs, [0, 0], [-1, 1]), [-1]);
      const rejected = tf.reshape(tf.slice(pairs, [0, 1], [-1, 1]), [-1]);
      loss = pairwiseLoss(chosen, rejected, cfg.margin);
      if (cfg.objective === 'both' && cfg.pointwiseWeight > 0) {
        const labels = tf.tensor1d(ids.map((_, k) => (k % 2 === 0 ? 1 : 0)));
        loss = tf.add(loss, tf.mul(pointwiseLoss(logits, labels), cfg.pointwiseWeight));
      }
    }
    if (cfg.centerRewardsCoefficient > 0) loss = tf.add(loss, tf.mul(centeringLoss(logits), cfg.centerRewardsCoefficient));
    return { loss, logits };
  };

  // 4b. fresh model with a lexical head: fit the wide part alone first, and let validation see it
  if (resumedFrom === 0 && cfg.lexicalWarmStart && model.head.lexical) {
    const F = model.head.lexical.shape[0] as number; // [F, 1]
    const fit = fitLexicalHead({
      features: encoded.map((e) => (e.lexical ?? new Float32Array(F)).map((x) => x * LEXICAL_SCALE)),
      rows: cfg.objective === 'pairwise' ? [] : cfg.objective === 'pointwise' ? set.rows.map((r, i) => ({ row: i, label: r.label, weight: set.weights[i] as number })) : set.comparisons.flatMap(([c, r]) => [{ row: c, label: 1, weight: 1 }, { row: r, label: 0, weight: 1 }]),
      comparisons: cfg.objective === 'pointwise' ? [] : set.comparisons.map(([chosen, rejected]) => ({ chosen, rejected })),
      pointwiseWeight: cfg.objective === 'both' ? cfg.pointwiseWeight : 1,
      margin: cfg.margin,
      nonNegative: true, // every wide feature means "fits better"; a reward must never pay for less of one
    });
    model.head.lexical.assign(tf.tensor2d(fit.weights, [F, 1]));
    const bias = (await model.head.bias.data())[0] as number;
    model.head.bias.assign(tf.tensor1d([bias + fit.bias]));
    result.lexicalWarmStart = fit;
    await evaluate(); // the first evaluation is always the best so far: it never stops training
  }

  // 5. the loop: accumulate micro-batches, clip, step; evaluate, checkpoint, stop early
  const acc = new GradAccumulator();
  const vars = Object.values(params);
  let order = epochOrder(state.epoch);
  try {
    while (state.step < totalSteps) {
      if (input.signal?.aborted) {
        result.reason = 'aborted';
        break;
      }
      const t0 = performance.now();
      let lossSum = 0;
      let wins = 0;
      let compared = 0;
      for (let micro = 0; micro < cfg.gradientAccumulationSteps; micro++) {
        if (state.unitInEpoch >= order.length) {
          state.epoch++;
          state.unitInEpoch = 0;
          order = epochOrder(state.epoch);
        }
        const units = order.slice(state.unitInEpoch, state.unitInEpoch + B);
        state.unitInEpoch += units.length;
        const [lossValue, logitValues] = tf.tidy(() => {
          let logits: Tensor | null = null;
          const { value, grads } = tf.variableGrads(() => {
            const out = lossOf(units);
            logits = tf.keep(out.logits);
            return out.loss as tf.Scalar;
          }, vars);
          acc.add(grads, units.length);
          return [value, logits as unknown as Tensor];
        });
        const l = (await lossValue.data())[0] as number;
        const lv = await logitValues.data();
        tf.dispose([lossValue, logitValues]);
        if (!Number.isFinite(l)) throw new RewardTrainingDivergedError(state.step + 1, 'loss', l, cfg.checkpointDir ?? undefined);
        lossSum += l;
        if (cfg.objective !== 'pointwise') {
          for (let k = 0; k < units.length; k++) {
            const c = lv[2 * k] as number;
            const r = lv[2 * k + 1] as number;
            wins += c > r ? 1 : c === r ? 0.5 : 0;
            compared++;
          }
        }
      }
      const lr = opt.getLearningRate();
      const mean = acc.mean();
      let gradNorm = NaN;
      try {
        const clipped = cfg.maxGradNorm > 0 ? await clipGradNormAsync(mean, cfg.maxGradNorm) : { grads: mean, norm: NaN, finite: true };
        gradNorm = clipped.norm;
        if (!clipped.finite) throw new RewardTrainingDivergedError(state.step + 1, 'gradient norm', gradNorm, cfg.checkpointDir ?? undefined);
        opt.step(clipped.grads);
        if (clipped.grads !== mean) tf.dispose(clipped.grads);
      } finally {
        tf.dispose(mean);
        acc.reset();
      }
      state.step++;
      const loss = lossSum / cfg.gradientAccumulationSteps;
      const e: RewardStepEvent = { step: state.step, epoch: state.epoch, loss, batchPairwiseAccuracy: compared > 0 ? wins / compared : NaN, lr, gradNorm, seconds: (performance.now() - t0) / 1000 };
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
    if (cfg.loadBestModelAtEnd && bestWeights) for (const [k, t] of Object.entries(bestWeights as Record<string, Tensor>)) params[k]?.assign(t);
    else if (cfg.loadBestModelAtEnd && state.bestStep !== null && state.bestStep !== state.step && lastDir) {
      // the best evaluation happened in an earlier session (a resumed run): its weights are in best/
      const best = await loadRewardCheckpoint(`${cfg.checkpointDir}/best`);
      for (const [k, t] of Object.entries(best.tensors)) params[k]?.assign(t);
      tf.dispose([...Object.values(best.tensors), ...Object.values(best.optimizer.slots)]);
    }
  } finally {
    if (bestWeights) tf.dispose(Object.values(bestWeights as Record<string, Tensor>));
    acc.dispose();
    opt.dispose();
    await metrics?.close();
  }
  return result;
}

/** Encodes a training pair; `maxLength` may be shorter than the model's scoring budget (faster steps). */
function encodeFor(model: RewardModel, cv: string, jd: string, maxLength: number): RmExample {
  return model.encode(cv, jd, { maxLength });
}
