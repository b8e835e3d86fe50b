/**
 * The one training loop of GIRL's supervised trainers (SFT and the reward model are tasks of it): start
 * fresh or resume, AdamW with warmup + cosine decay, micro-batch accumulation, clipping and divergence
 * checks, evaluation with early stopping, `last` / `best` checkpoints, a metrics file that reads as one
 * run across resumes, and a clean stop on abort.
 */
import * as tf from '@tensorflow/tfjs-core';
import { assertGpuHealthy } from '../backend/webgpu/gpu-health.js';
import { findCheckpoint } from '../io/checkpoint.js';
import { JsonlLog } from '../io/jsonl-log.js';
import { Rng } from '../random/rng.js';
import { AdamW } from './adamw.js';
import { applyGradients } from './apply-gradients.js';
import { GradAccumulator } from './grad-accumulator.js';
import { warmupCosine } from './schedule.js';
import type { EpochData, TrainingLoopOptions, TrainingLoopResult, TrainingLoopState, TrainingTask } from './training-task.js';

export type {
  EpochData, Evaluation, LoadedTrainingCheckpoint, MicroBatchLoss, StepSummary, TrainingLoopOptions, TrainingLoopResult, TrainingLoopState, TrainingTask,
} from './training-task.js';

/**
 * Trains `task.params` until the plan's last step, early stopping or `options.signal` aborts; returns
 * what happened. Numbers are reproducible: data order comes from the task's epochs, dropout from one RNG
 * saved in every checkpoint, so a resumed run continues exactly like an uninterrupted one.
 *
 * @throws the task's {@link DivergenceError} on a NaN / ±Infinity loss or gradient norm (nothing is
 *   saved after it, so `last` is the last good checkpoint).
 * @example
 * ```ts
 * const result = await runTrainingLoop(task, {
 *   seed: 1, maxSteps: 100, numTrainEpochs: 1, gradientAccumulationSteps: 2, learningRate: 1e-3, minLr: null,
 *   warmupSteps: (total) => Math.floor(total * 0.05), adamBeta1: 0.9, adamBeta2: 0.999, weightDecay: 0.01,
 *   maxGradNorm: 1, evalSteps: 10, saveSteps: null, earlyStoppingPatience: 3, earlyStoppingThreshold: 0,
 *   greaterIsBetter: false, lossMean: 'weighted', checkpointDir: 'runs/7/ckpt', resume: 'auto', metricsFile: null,
 * });
 * console.log(result.reason, result.best);
 * ```
 */
export async function runTrainingLoop<Batch, StepEvent extends object, EvalEvent extends object>(
  task: TrainingTask<Batch, StepEvent, EvalEvent>,
  options: TrainingLoopOptions<StepEvent, EvalEvent>,
): Promise<TrainingLoopResult<EvalEvent>> {
  const o = options;
  const events = o.events ?? {};
  const dir = o.checkpointDir;
  const divergedAt = (step: number, what: 'loss' | 'gradient norm', value: number) => task.diverged(step, what, value, dir ?? undefined);

  // 1. the plan, then a fresh state or the checkpoint's
  const planned = o.maxSteps ?? Math.max(1, Math.floor((o.numTrainEpochs * task.batchesPerEpoch) / o.gradientAccumulationSteps));
  let state: TrainingLoopState = { step: 0, epoch: 0, position: 0, rng: new Rng(o.seed).fork('dropout').getState(), best: null, bestStep: null, badEvals: 0, totalSteps: planned };
  let adam: { step: number; slots: Record<string, tf.Tensor> } | null = null;
  const lastDir = dir ? `${dir}/last` : null;
  if (lastDir && task.load && (o.resume === true || (o.resume === 'auto' && (await findCheckpoint(lastDir)) !== null))) {
    const ck = await task.load(lastDir);
    for (const [name, t] of Object.entries(ck.tensors)) task.params[name]?.assign(t);
    tf.dispose(Object.values(ck.tensors));
    adam = ck.optimizer;
    // an explicit maxSteps on resume wins (e.g. more steps); otherwise the saved plan continues
    state = { ...ck.state, totalSteps: o.maxSteps ?? ck.state.totalSteps };
  }
  const totalSteps = state.totalSteps;
  const resumedFrom = state.step;

  // 2. optimizer and schedule (the warmup never outlasts the plan), the training RNG
  const opt = new AdamW(task.params, {
    lr: warmupCosine({ peakLr: o.learningRate, warmupSteps: Math.min(o.warmupSteps(totalSteps), totalSteps), totalSteps, ...(o.minLr !== null ? { minLr: o.minLr } : {}) }),
    beta1: o.adamBeta1,
    beta2: o.adamBeta2,
    weightDecay: o.weightDecay,
  });
  if (adam) {
    opt.setState(adam);
    tf.dispose(Object.values(adam.slots));
  }
  const rng = Rng.fromState(state.rng);

  // 3. the metrics file: a resumed run drops the records past its checkpoint, a fresh one starts empty
  const metrics = o.metricsFile ? await JsonlLog.open(o.metricsFile, { keep: (r) => resumedFrom > 0 && typeof r.step === 'number' && r.step <= resumedFrom }) : null;
  const result: TrainingLoopResult<EvalEvent> = { steps: state.step, reason: 'completed', resumedFrom, losses: [], evals: [], best: state.best, bestStep: state.bestStep, lastMetric: null };
  const now = () => new Date().toISOString();

  const checkpoint = async (kind: 'last' | 'best') => {
    if (!dir || !task.save) return;
    assertGpuHealthy(`training step ${state.step}`); // an out-of-memory step must never overwrite a good checkpoint
    const at = `${dir}/${kind}`;
    await metrics?.sync(); // the records of the steps this checkpoint covers reach the disk first
    await task.save(at, { optimizer: opt, state: { ...state, rng: rng.getState() } });
    events.onCheckpoint?.({ step: state.step, dir: at, kind });
  };
  // 4. one evaluation: best so far?, patience, event, record, `best` checkpoint; true = stop early
  const evaluate = async (): Promise<boolean> => {
    const ev = await task.evaluate?.(state.step);
    if (!ev) return false;
    const v = ev.metric;
    const improved = Number.isFinite(v) && (state.best === null || (o.greaterIsBetter ? v > state.best + o.earlyStoppingThreshold : v < state.best - o.earlyStoppingThreshold));
    if (improved) {
      state.best = v;
      state.bestStep = state.step;
      state.badEvals = 0;
      task.onBest?.();
    } else state.badEvals++;
    const e = ev.event(improved);
    result.evals.push(e);
    result.best = state.best;
    result.bestStep = state.bestStep;
    result.lastMetric = v;
    events.onEval?.(e);
    metrics?.append({ type: 'eval', ...(ev.record ? ev.record(improved) : e), time: now() });
    if (improved) await checkpoint('best');
    return o.earlyStoppingPatience > 0 && state.badEvals >= o.earlyStoppingPatience;
  };

  const acc = new GradAccumulator();
  const vars = Object.values(task.params);
  try {
    await task.start?.({ resumedFrom, evaluate });
    let data: EpochData<Batch> = task.epoch(state.epoch);
    while (state.step < totalSteps) {
      if (o.signal?.aborted) {
        result.reason = 'aborted';
        break;
      }
      const t0 = performance.now();
      // 5. micro-batches: forward, backward, accumulate; read the loss back and refuse a non-finite one
      let lossSum = 0;
      let weightSum = 0;
      let micros = 0;
      const stats: Record<string, number> = {};
      for (let micro = 0; micro < o.gradientAccumulationSteps; micro++) {
        if (state.position >= data.size) {
          state.epoch++;
          state.position = 0;
          data = task.epoch(state.epoch);
        }
        const { batch, units } = data.take(state.position);
        state.position += units;
        const weight = task.weight(batch);
        if (!(weight > 0)) continue;
        let kept: tf.Tensor | null = null;
        const value = tf.tidy(() => {
          const { value, grads } = tf.variableGrads(() => {
            const out = task.loss(batch, rng);
            if (out.keep) kept = tf.keep(out.keep);
            return out.loss as tf.Scalar;
          }, vars);
          acc.add(grads, weight);
          return value;
        });
        const loss = (await value.data())[0] as number;
        const keptValues = kept ? await (kept as tf.Tensor).data() : null;
        tf.dispose(kept ? [value, kept] : value);
        if (!Number.isFinite(loss)) throw divergedAt(state.step + 1, 'loss', loss);
        lossSum += o.lossMean === 'weighted' ? loss * weight : loss;
        weightSum += weight;
        micros++;
        for (const [k, x] of Object.entries(task.stats?.(batch, keptValues) ?? {})) stats[k] = (stats[k] ?? 0) + x;
      }
      if (micros === 0) continue; // nothing to learn from in these micro-batches (e.g. no target tokens)

      // 6. one optimizer step: clip, refuse a non-finite gradient, apply
      const lr = opt.getLearningRate();
      const mean = acc.mean();
      let gradNorm: number;
      try {
        gradNorm = await applyGradients(opt, mean, { maxGradNorm: o.maxGradNorm, diverged: (n) => divergedAt(state.step + 1, 'gradient norm', n) });
      } finally {
        tf.dispose(Object.values(mean));
        acc.reset();
      }
      state.step++;
      assertGpuHealthy(`training step ${state.step}`); // webgpu reports running out of memory as an event, not an exception
      const loss = o.lossMean === 'weighted' ? lossSum / weightSum : lossSum / micros;
      const e = task.stepEvent({ step: state.step, epoch: state.epoch, loss, lr, gradNorm, seconds: (performance.now() - t0) / 1000, stats });
      result.losses.push(loss);
      result.steps = state.step;
      events.onStep?.(e);
      metrics?.append({ type: 'step', ...e, time: now() });

      // 7. evaluation and checkpoint cadence; the last step always evaluates and saves
      const last = state.step >= totalSteps;
      let stop = false;
      if ((o.evalSteps > 0 && state.step % o.evalSteps === 0) || last) stop = await evaluate();
      const every = o.saveSteps ?? o.evalSteps;
      if ((every > 0 && state.step % every === 0) || last || stop) await checkpoint('last');
      if (stop) {
        result.reason = 'early-stopping';
        break;
      }
    }
    if (result.reason === 'aborted') await checkpoint('last');
    await task.finish?.({ state, checkpointDir: dir });
  } finally {
    acc.dispose();
    opt.dispose();
    task.dispose?.();
    await metrics?.close();
  }
  return result;
}
