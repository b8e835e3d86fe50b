/**
 * Trains a {@link RewardModel} from recruiter feedback: pointwise BCE and/or pairwise Bradley–Terry,
 * hard negatives from the data and random negatives by re-pairing, class balance, AdamW with warmup +
 * cosine decay, clipping, accumulation, validation with early stopping, JSONL metrics, and checkpoints
 * that resume exactly.
 */
import { Rng } from '@girl/core';
import { loopOptions, runTrainingLoop, tf } from '@girl/tensor';
import type { Tensor, TrainingLoopState, TrainingTask } from '@girl/tensor';
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
 *   config: { objective: 'both', maxSteps: 300, evalSteps: 50, earlyStoppingPatience: 3, checkpointDir: 'runs/rm' },
 *   events: { onEval: (e) => console.log(e.step, e.metrics.auc) },
 * });
 * ```
 */
export async function trainRewardModel(input: TrainRewardInput): Promise<RewardTrainResult> {
  const { model } = input;
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
  const B = cfg.perDeviceTrainBatchSize;
  const params = model.params;

  // 2. the saved config carries no path, so a copied run's checkpoint points nowhere else
  const portableConfig = { ...cfg, checkpointDir: null, metricsFile: null };
  const toRewardState = (s: TrainingLoopState): RewardTrainerState => ({
    version: REWARD_TRAINER_STATE_VERSION, step: s.step, epoch: s.epoch, unitInEpoch: s.position, rng: s.rng, best: s.best, bestStep: s.bestStep, badEvals: s.badEvals, totalSteps: s.totalSteps, config: portableConfig,
  });

  // 3. the loss of one micro-batch of units
  const rowIds = (units: number[]): number[] => (cfg.objective === 'pointwise' ? units : units.flatMap((u) => set.comparisons[u] as [number, number]));
  const lossOf = (units: number[], rng: Rng): { loss: Tensor; keep: Tensor } => {
    const ids = rowIds(units);
    const batch = model.collate(ids.map((i) => encoded[i] as RmExample));
    const logits = model.logits(batch, { training: true, rng }); // [N]
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
    return { loss, keep: logits };
  };

  // 4. fresh model with a lexical head: fit the wide part alone first, and let validation see it
  let lexicalFit: RewardTrainResult['lexicalWarmStart'];
  const warmStart = async (evaluate: () => Promise<boolean>) => {
    const lexical = model.head.lexical;
    if (!cfg.lexicalWarmStart || !lexical) return;
    const F = lexical.shape[0] as number; // [F, 1]
    const fit = fitLexicalHead({
      features: encoded.map((e) => (e.lexical ?? new Float32Array(F)).map((x) => x * LEXICAL_SCALE)),
      rows: cfg.objective === 'pairwise' ? [] : cfg.objective === 'pointwise' ? set.rows.map((r, i) => ({ row: i, label: r.label, weight: set.weights[i] as number })) : set.comparisons.flatMap(([c, r]) => [{ row: c, label: 1, weight: 1 }, { row: r, label: 0, weight: 1 }]),
      comparisons: cfg.objective === 'pointwise' ? [] : set.comparisons.map(([chosen, rejected]) => ({ chosen, rejected })),
      pointwiseWeight: cfg.objective === 'both' ? cfg.pointwiseWeight : 1,
      margin: cfg.margin,
      nonNegative: true, // every wide feature means "fits better"; a reward must never pay for less of one
    });
    lexical.assign(tf.tensor2d(fit.weights, [F, 1]));
    const bias = (await model.head.bias.data())[0] as number;
    model.head.bias.assign(tf.tensor1d([bias + fit.bias]));
    lexicalFit = fit;
    await evaluate(); // the first evaluation is always the best so far: it never stops training
  };

  // 5. the task: shuffled units per epoch, the objective's loss, evaluation on `valid`, reward checkpoints
  let bestWeights: Record<string, Tensor> | null = null;
  const task: TrainingTask<number[], RewardStepEvent, RewardEvalEvent> = {
    params,
    batchesPerEpoch: Math.ceil(unitCount / B),
    epoch: (epoch) => {
      const order = new Rng(cfg.seed).fork(`epoch-${epoch}`).shuffle(Array.from({ length: unitCount }, (_, i) => i));
      return { size: order.length, take: (at) => { const units = order.slice(at, at + B); return { batch: units, units: units.length }; } };
    },
    weight: (units) => units.length,
    loss: lossOf,
    stats: (units, logits): Record<string, number> => {
      if (cfg.objective === 'pointwise' || !logits) return {};
      let wins = 0;
      for (let k = 0; k < units.length; k++) {
        const c = logits[2 * k] as number;
        const r = logits[2 * k + 1] as number;
        wins += c > r ? 1 : c === r ? 0.5 : 0;
      }
      return { wins, compared: units.length };
    },
    stepEvent: (s) => {
      const compared = s.stats.compared ?? 0;
      return { step: s.step, epoch: s.epoch, loss: s.loss, batchPairwiseAccuracy: compared > 0 ? (s.stats.wins ?? 0) / compared : NaN, lr: s.lr, gradNorm: s.gradNorm, seconds: s.seconds };
    },
    evaluate: async (step) => {
      if (!input.valid || input.valid.length === 0) return null;
      const ev = await evaluateRewardModel(model, input.valid, { batchSize: cfg.perDeviceEvalBatchSize, baselines: false });
      return {
        metric: ev.model[cfg.metricForBestModel],
        event: (best) => ({ step, metrics: ev.model, best }),
        record: (best) => ({ step, ...ev.model, best }),
      };
    },
    onBest: () => {
      if (!cfg.loadBestModelAtEnd) return;
      if (bestWeights) tf.dispose(Object.values(bestWeights));
      bestWeights = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, tf.clone(v)]));
    },
    save: (dir, { optimizer, state }) => saveRewardCheckpoint(dir, { model, optimizer, state: toRewardState(state) }),
    load: async (dir) => {
      const ck = await loadRewardCheckpoint(dir);
      const drop = () => tf.dispose([...Object.values(ck.tensors), ...Object.values(ck.optimizer.slots)]);
      if (JSON.stringify(ck.backbone) !== JSON.stringify(model.backbone.config)) {
        drop();
        throw new Error(`trainRewardModel: the checkpoint in '${dir}' has backbone ${JSON.stringify(ck.backbone)}, not ${JSON.stringify(model.backbone.config)}.`);
      }
      if (ck.tokenizerJson !== JSON.stringify(model.tokenizer.toJSON())) {
        drop();
        throw new Error(`trainRewardModel: the checkpoint in '${dir}' was trained with a different tokenizer; load the model with RewardModel.load('${dir}') and resume with it.`);
      }
      const s = ck.state;
      return {
        tensors: ck.tensors,
        optimizer: ck.optimizer,
        state: { step: s.step, epoch: s.epoch, position: s.unitInEpoch, rng: s.rng, best: s.best, bestStep: s.bestStep, badEvals: s.badEvals, totalSteps: s.totalSteps },
      };
    },
    diverged: (step, what, value, dir) => new RewardTrainingDivergedError(step, what, value, dir),
    start: async ({ resumedFrom, evaluate }) => {
      if (resumedFrom === 0) await warmStart(evaluate);
    },
    finish: async ({ state, checkpointDir }) => {
      if (!cfg.loadBestModelAtEnd) return;
      if (bestWeights) for (const [k, t] of Object.entries(bestWeights as Record<string, Tensor>)) params[k]?.assign(t);
      else if (state.bestStep !== null && state.bestStep !== state.step && checkpointDir) {
        // the best evaluation happened in an earlier session (a resumed run): its weights are in best/
        const best = await loadRewardCheckpoint(`${checkpointDir}/best`);
        for (const [k, t] of Object.entries(best.tensors)) params[k]?.assign(t);
        tf.dispose([...Object.values(best.tensors), ...Object.values(best.optimizer.slots)]);
      }
    },
    dispose: () => {
      if (bestWeights) tf.dispose(Object.values(bestWeights as Record<string, Tensor>));
    },
  };

  // 6. the shared loop: AdamW + warmup-cosine, accumulation, clipping, evaluation, checkpoints, abort
  const run = await runTrainingLoop(
    task,
    loopOptions(cfg, {
      warmupSteps: (total) => cfg.warmupSteps ?? Math.floor(total * cfg.warmupRatio),
      greaterIsBetter: !minimise(cfg.metricForBestModel),
      lossMean: 'micro-batches',
      ...(input.events ? { events: input.events } : {}),
      signal: input.signal,
    }),
  );
  const result: RewardTrainResult = { steps: run.steps, reason: run.reason, best: run.best, bestStep: run.bestStep, evals: run.evals, losses: run.losses, data, resumedFrom: run.resumedFrom };
  if (lexicalFit) result.lexicalWarmStart = lexicalFit;
  return result;
}

/** Encodes a training pair; `maxLength` may be shorter than the model's scoring budget (faster steps). */
function encodeFor(model: RewardModel, cv: string, jd: string, maxLength: number): RmExample {
  return model.encode(cv, jd, { maxLength });
}
