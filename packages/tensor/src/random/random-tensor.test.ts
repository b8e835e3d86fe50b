import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../test-utils/each-backend.js';
import { Rng } from './rng.js';
import { randomNormalTensor, randomUniformTensor } from './random-tensor.js';

// Values computed once on each backend: the fill happens in JS, so they must be bit-identical.
const results = new Map<string, { normal: Float32Array; uniform: Float32Array }>();

describeEachBackend('random tensors', (backend) => {
  it('fill from the Rng with the requested shape and statistics, leaking nothing', () => {
    const before = tf.memory().numTensors;
    const rng = new Rng(1234);
    const n = randomNormalTensor(rng, [64, 32], 0.02);
    const u = randomUniformTensor(rng, [4, 5], -2, 2);
    expect(n.shape).toEqual([64, 32]);
    expect(n.dtype).toBe('float32');
    expect(u.shape).toEqual([4, 5]);
    const nv = n.dataSync() as Float32Array;
    const uv = u.dataSync() as Float32Array;
    const mean = nv.reduce((a, b) => a + b, 0) / nv.length;
    const std = Math.sqrt(nv.reduce((a, b) => a + (b - mean) ** 2, 0) / nv.length);
    expect(Math.abs(mean)).toBeLessThan(0.003);
    expect(Math.abs(std - 0.02)).toBeLessThan(0.002);
    expect(uv.every((x) => x >= -2 && x < 2)).toBe(true);
    // Same values as filling a Float32Array directly from an Rng with the same seed.
    const ref = new Rng(1234);
    expect(Array.from(nv)).toEqual(Array.from(ref.fillNormal(new Float32Array(64 * 32), 0.02)));
    results.set(backend, { normal: nv.slice(), uniform: uv.slice() });
    tf.dispose([n, u]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is bit-identical across backends', () => {
    const all = [...results.values()];
    if (all.length < 2) return; // the first backend has nothing to compare with yet
    const [first, ...rest] = all;
    for (const r of rest) {
      expect(Buffer.from(r.normal.buffer).equals(Buffer.from(first!.normal.buffer))).toBe(true);
      expect(Buffer.from(r.uniform.buffer).equals(Buffer.from(first!.uniform.buffer))).toBe(true);
    }
  });

  it('rejects a bad shape', () => {
    expect(() => randomNormalTensor(new Rng(0), [2, -1])).toThrow(/non-negative integers/);
  });
});
