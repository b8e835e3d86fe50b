import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { AdamW } from './adamw.js';
import { applyGradients, clipGradients } from './apply-gradients.js';
import { DivergenceError } from './divergence-error.js';

const advice = { resume: 'a lower lr', fresh: 'Lower lr.' };

describe('clipGradients / applyGradients', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('clipGradients with maxGradNorm 0 measures the norm and scales nothing', async () => {
    const grads = { a: tf.tensor1d([3, 0]), b: tf.tensor1d([4]) }; // global norm 5
    const r = await clipGradients(grads, 0);
    expect(r.norm).toBeCloseTo(5, 6);
    expect(r).toMatchObject({ clipped: false, finite: true });
    expect(r.grads).toBe(grads);
    const c = await clipGradients(grads, 1);
    expect(c.clipped).toBe(true);
    expect(Array.from(c.grads['b']!.dataSync())).toEqual([Math.fround(4 / (5 + 1e-6))]);
    tf.dispose([grads, c.grads]);
    await expect(clipGradients({}, -1)).rejects.toThrow(/maxGradNorm must be a finite number >= 0 \(0 turns clipping off\), got -1/);
  });

  it('with clipping off, a NaN gradient throws the stage\'s DivergenceError and leaves the weights and AdamW untouched', async () => {
    const w = tf.variable(tf.tensor1d([1, 2]), true, 'apply-grad-nan');
    const opt = new AdamW({ w }, { lr: 0.1 });
    const grads = { w: tf.tensor1d([0.5, Number.NaN]) };
    const run = applyGradients(opt, grads, {
      maxGradNorm: 0,
      diverged: (value) => new DivergenceError({ stage: 'test', step: 4, what: 'gradient norm', value, advice }),
    });
    await expect(run).rejects.toThrow(DivergenceError);
    await expect(run).rejects.toMatchObject({ stage: 'test', step: 4, what: 'gradient norm' });
    expect(Array.from(w.dataSync())).toEqual([1, 2]);
    expect(opt.stepCount).toBe(0);
    tf.dispose(grads);
    opt.dispose();
    w.dispose();
  });

  it('applies finite gradients, clipped, and frees the scaled copy (the input stays the caller\'s)', async () => {
    const w = tf.variable(tf.tensor1d([0, 0]), true, 'apply-grad-ok');
    const opt = new AdamW({ w }, { lr: 0.1, weightDecay: 0 });
    const grads = { w: tf.tensor1d([30, 40]) };
    const before = tf.memory().numTensors;
    const norm = await applyGradients(opt, grads, { maxGradNorm: 1, diverged: () => new Error('unreachable') });
    expect(norm).toBeCloseTo(50, 4);
    expect(opt.stepCount).toBe(1);
    expect(tf.memory().numTensors).toBe(before + 2); // AdamW's two moments; no scaled copy left behind
    expect(grads.w.isDisposed).toBe(false);
    // AdamW's first step moves each weight by ≈ lr against the gradient's sign
    for (const v of w.dataSync()) expect(v).toBeCloseTo(-0.1, 4);
    tf.dispose(grads);
    opt.dispose();
    w.dispose();
  });
});
