import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../test-utils/each-backend.js';
import { clipGradNorm } from './clip-grad-norm.js';

describeEachBackend('clipGradNorm', () => {
  it('computes the global norm and scales by maxNorm / (norm + 1e-6)', () => {
    const grads = { a: tf.tensor1d([3, 0]), b: tf.tensor2d([[0], [4]]) }; // global norm 5
    const before = tf.memory().numTensors;
    const result = clipGradNorm(grads, 1);
    expect(result.norm).toBeCloseTo(5, 6);
    expect(result.clipped).toBe(true);
    expect(result.finite).toBe(true);
    expect(result.grads).not.toBe(grads);
    const s = 1 / (5 + 1e-6);
    expect(Array.from(result.grads['a']!.dataSync())).toEqual([3 * s, 0].map(Math.fround));
    expect(Array.from(result.grads['b']!.dataSync())).toEqual([0, 4 * s].map(Math.fround));
    expect(result.grads['b']!.shape).toEqual([2, 1]);
    expect(tf.memory().numTensors).toBe(before + 2); // just the two scaled gradients
    tf.dispose([grads, result.grads]);
  });

  it('returns the same object when the norm is within the limit', () => {
    const grads = { a: tf.tensor1d([0.6, 0.8]) };
    const before = tf.memory().numTensors;
    const result = clipGradNorm(grads, 1);
    expect(result.grads).toBe(grads);
    expect(result.clipped).toBe(false);
    expect(result.norm).toBeCloseTo(1, 6);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(grads);
    expect(clipGradNorm({}, 1)).toMatchObject({ norm: 0, clipped: false, finite: true });
  });

  it('reports NaN / Infinity without scaling, or throws on request', () => {
    const nan = { a: tf.tensor1d([1, Number.NaN]) };
    const r = clipGradNorm(nan, 1);
    expect(Number.isNaN(r.norm)).toBe(true);
    expect(r.finite).toBe(false);
    expect(r.grads).toBe(nan);
    const inf = { a: tf.tensor1d([Infinity, 1]) };
    expect(clipGradNorm(inf, 1)).toMatchObject({ norm: Infinity, finite: false, clipped: false });
    expect(() => clipGradNorm(inf, 1, { errorIfNonFinite: true })).toThrow(/global gradient norm is Infinity/);
    expect(() => clipGradNorm(inf, 0)).toThrow(/maxNorm must be a positive finite number/);
    tf.dispose([nan, inf]);
  });
});
