import * as tf from '@tensorflow/tfjs-core';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { loadCheckpoint, saveCheckpoint } from '../io/checkpoint.js';
import { DivergenceError } from './divergence-error.js';
import { GpuOutOfMemoryError, watchGpuDevice } from '../backend/webgpu/gpu-health.js';
import { runTrainingLoop } from './training-loop.js';
import type { TrainingLoopOptions, TrainingLoopState, TrainingTask } from './training-task.js';

// y = 2·x₀ − x₁ + noise-free; a linear model w [2] learns it from 10 points
const X = Array.from({ length: 10 }, (_, i) => [Math.sin(i), Math.cos(3 * i)] as [number, number]);
const Y = X.map(([a, b]) => 2 * a - b);
type Step = { step: number; loss: number; lr: number; gradNorm: number; rows: number };
type Eval = { step: number; value: number; best: boolean };
const advice = { resume: 'a lower lr', fresh: 'Lower lr.' };
let unique = 0;

/** A toy task: 10 rows in batches of 3 (the last one short), dropout-like noise from the loop's RNG. */
function linearTask(options: { evalValues?: number[]; nanLossAt?: number; nanGradAt?: number } = {}) {
  const w = tf.variable(tf.tensor1d([0.5, -0.25]), true, `loop-w-${unique++}`);
  const evals = [...(options.evalValues ?? [])];
  let calls = 0;
  const task: TrainingTask<number[], Step, Eval> = {
    params: { w },
    batchesPerEpoch: 4,
    epoch: (e) => {
      const order = Array.from({ length: 10 }, (_, i) => (i * 7 + e * 3) % 10);
      return { size: order.length, take: (at) => ({ batch: order.slice(at, at + 3), units: Math.min(3, order.length - at) }) };
    },
    weight: (rows) => rows.length,
    loss: (rows, rng) => {
      calls++;
      const x = tf.tensor2d(rows.map((r) => X[r]!), [rows.length, 2]);
      const y = tf.tensor1d(rows.map((r) => Y[r]!));
      const jitter = tf.tensor1d(rows.map(() => 1 + 0.01 * (rng.next() - 0.5)));
      const pred = tf.mul(tf.sum(tf.mul(x, w), 1), jitter); // [n]
      const loss = tf.mean(tf.square(tf.sub(pred, y)));
      if (options.nanLossAt === calls) return { loss: tf.mul(loss, NaN), keep: pred };
      // a finite loss whose gradient is NaN
      if (options.nanGradAt === calls) {
        const poisoned = tf.customGrad(((l: tf.Tensor) => ({ value: tf.clone(l), gradFunc: (dy: tf.Tensor) => [tf.mul(dy, NaN)] })) as unknown as Parameters<typeof tf.customGrad>[0]);
        return { loss: poisoned(loss), keep: pred };
      }
      return { loss, keep: pred };
    },
    stats: (rows, kept) => ({ rows: rows.length, kept: kept?.length ?? -1 }),
    stepEvent: (s) => ({ step: s.step, loss: s.loss, lr: s.lr, gradNorm: s.gradNorm, rows: s.stats.rows ?? 0 }),
    evaluate: async (step) => {
      if (options.evalValues && evals.length === 0) return null;
      const value = options.evalValues ? (evals.shift() as number) : (await tf.tidy(() => tf.sum(tf.square(w))).data())[0]!;
      return { metric: value, event: (best) => ({ step, value, best }) };
    },
    save: async (dir, { optimizer, state }) => {
      const { slots, step } = optimizer.getState();
      await saveCheckpoint(dir, { tensors: { w }, optimizer: slots, json: { state, adamStep: step } });
      tf.dispose(Object.values(slots));
    },
    load: async (dir) => {
      const ck = await loadCheckpoint(dir);
      const json = ck.json as { state: TrainingLoopState; adamStep: number };
      return { tensors: ck.tensors, optimizer: { step: json.adamStep, slots: ck.optimizer ?? {} }, state: json.state };
    },
    diverged: (step, what, value, checkpointDir) => new DivergenceError({ stage: 'toy', step, what, value, checkpointDir, advice }),
  };
  return { task, w };
}

const base: TrainingLoopOptions<Step, Eval> = {
  seed: 3, maxSteps: 6, numTrainEpochs: 1, gradientAccumulationSteps: 2, learningRate: 0.05, minLr: null,
  warmupSteps: () => 1, adamBeta1: 0.9, adamBeta2: 0.999, weightDecay: 0, maxGradNorm: 1, evalSteps: 2, saveSteps: 1,
  earlyStoppingPatience: 0, earlyStoppingThreshold: 0, greaterIsBetter: false, lossMean: 'weighted', checkpointDir: null, resume: false, metricsFile: null,
};
const dirs: string[] = [];
const tmp = async () => {
  const d = await mkdtemp(join(tmpdir(), 'girl-loop-'));
  dirs.push(d);
  return d;
};

describe('runTrainingLoop', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('an aborted run resumed from its checkpoint matches an uninterrupted one exactly, and metrics.jsonl reads as one run', async () => {
    const straight = linearTask();
    const full = await runTrainingLoop(straight.task, base);
    expect(full.reason).toBe('completed');
    expect(full.losses).toHaveLength(6);
    expect(full.losses[5]!).toBeLessThan(full.losses[0]!);

    const dir = await tmp();
    const metricsFile = join(dir, 'metrics.jsonl');
    const a = linearTask();
    const ctl = new AbortController();
    const first = await runTrainingLoop(a.task, { ...base, checkpointDir: dir, metricsFile, signal: ctl.signal, events: { onStep: (e) => e.step === 4 && ctl.abort() } });
    expect(first).toMatchObject({ reason: 'aborted', steps: 4 });
    // a step 5 record from a session killed after its checkpoint must not survive the resume
    await appendFile(metricsFile, `${JSON.stringify({ type: 'step', step: 5, loss: 99 })}\n`);
    const b = linearTask();
    const second = await runTrainingLoop(b.task, { ...base, checkpointDir: dir, metricsFile, resume: true });
    expect(second.resumedFrom).toBe(4);
    expect([...first.losses, ...second.losses]).toEqual(full.losses); // ===, every bit
    expect(Array.from(b.w.dataSync())).toEqual(Array.from(straight.w.dataSync()));
    const records = (await readFile(metricsFile, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { type: string; step: number; loss?: number });
    expect(records.filter((r) => r.type === 'step').map((r) => r.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(records.filter((r) => r.type === 'eval').map((r) => r.step)).toEqual([2, 4, 6]);
    expect(records.filter((r) => r.type === 'step').map((r) => r.loss)).toEqual(full.losses);
    for (const t of [straight, a, b]) t.w.dispose();
  });

  it('accumulates micro-batches across an epoch boundary and sums the task\'s statistics per step', async () => {
    const t = linearTask();
    const steps: Step[] = [];
    await runTrainingLoop(t.task, { ...base, maxSteps: 3, events: { onStep: (e) => steps.push(e) } });
    // batches of 3, 3, 3, 1 rows per epoch; two per step: 6, then 3 + 1, then the next epoch's 3 + 3
    expect(steps.map((s) => s.rows)).toEqual([6, 4, 6]);
    t.w.dispose();
  });

  it('stops early after `earlyStoppingPatience` evaluations without an improvement beyond the threshold', async () => {
    const t = linearTask({ evalValues: [5, 4.95, 3, 2.99, 2.995, 1] });
    const best: number[] = [];
    const r = await runTrainingLoop(t.task, {
      ...base, maxSteps: 20, evalSteps: 1, earlyStoppingPatience: 2, earlyStoppingThreshold: 0.1, events: { onCheckpoint: (e) => e.kind === 'best' && best.push(e.step) },
    });
    expect(r.reason).toBe('early-stopping');
    expect(r.evals.map((e) => e.best)).toEqual([true, false, true, false, false]);
    expect(r).toMatchObject({ steps: 5, best: 3, bestStep: 3, lastMetric: 2.995 });
    expect(best).toEqual([]); // no checkpointDir: no checkpoints
    t.w.dispose();
  });

  it('a NaN loss throws the task\'s DivergenceError naming the step; nothing is saved after it', async () => {
    const dir = await tmp();
    const t = linearTask({ nanLossAt: 5 }); // the 5th micro-batch: step 3
    const saved: number[] = [];
    const run = runTrainingLoop(t.task, { ...base, checkpointDir: dir, events: { onCheckpoint: (e) => e.kind === 'last' && saved.push(e.step) } });
    await expect(run).rejects.toThrow(DivergenceError);
    await expect(run).rejects.toMatchObject({ stage: 'toy', step: 3, what: 'loss', checkpointDir: dir });
    expect(saved).toEqual([1, 2]);
    t.w.dispose();
  });

  it('with clipping off, a non-finite gradient still stops training (and a finite one logs its norm)', async () => {
    const t = linearTask({ nanGradAt: 6 }); // step 3's second micro-batch
    const steps: Step[] = [];
    const run = runTrainingLoop(t.task, { ...base, maxGradNorm: 0, events: { onStep: (e) => steps.push(e) } });
    await expect(run).rejects.toThrow(DivergenceError);
    await expect(run).rejects.toMatchObject({ step: 3, what: 'gradient norm' });
    expect(steps.map((s) => s.gradNorm > 0 && Number.isFinite(s.gradNorm))).toEqual([true, true]);
    t.w.dispose();
  });

  it('a GPU out-of-memory event during a step stops training before that step is saved', async () => {
    const dir = await tmp();
    // a device stand-in that reports running out of memory during the 3rd step's micro-batches
    const target = new EventTarget();
    watchGpuDevice({ addEventListener: (type, fn) => target.addEventListener(type, fn as unknown as Parameters<EventTarget['addEventListener']>[1]) });
    const t = linearTask();
    const loss = t.task.loss;
    let calls = 0;
    t.task.loss = (rows, rng) => {
      if (++calls === 5) target.dispatchEvent(Object.assign(new Event('uncapturederror'), { error: { message: 'Out of memory allocating a buffer' } }));
      return loss(rows, rng);
    };
    const saved: number[] = [];
    const run = runTrainingLoop(t.task, { ...base, checkpointDir: dir, events: { onCheckpoint: (e) => e.kind === 'last' && saved.push(e.step) } });
    await expect(run).rejects.toThrow(GpuOutOfMemoryError);
    await expect(run).rejects.toThrow(/during training step 3 \(Out of memory allocating a buffer\)/);
    expect(saved).toEqual([1, 2]);
    t.w.dispose();
  });
});
