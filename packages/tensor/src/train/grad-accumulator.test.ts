import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeEachBackendAndGpu } from '../test-utils/each-backend.js';
import { GradAccumulator } from './grad-accumulator.js';

let unique = 0;

describeEachBackendAndGpu('GradAccumulator', () => {
  it('accumulating micro-batches (weighted by size) equals the full-batch gradient of a mean loss', async () => {
    const w = tf.variable(tf.tidy(() => tf.tensor2d([[0.5], [-0.25], [1]])), true, `acc-w-${unique++}`);
    const xs = [
      [1, 2, 3],
      [0, -1, 2],
      [4, 0.5, -1],
      [2, 2, 2],
      [-3, 1, 0],
    ];
    const ys = [1, 0, -2, 3, 0.5];
    const gradOf = (rows: number[]) =>
      tf.tidy(() => {
        const x = tf.tensor2d(rows.map((r) => xs[r]!));
        const y = tf.tensor2d(rows.map((r) => [ys[r]!]));
        const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(tf.matMul(x, w), y))) as tf.Scalar, [w]);
        value.dispose();
        return grads[w.name]!;
      });
    const full = gradOf([0, 1, 2, 3, 4]);
    const before = tf.memory().numTensors;
    const acc = new GradAccumulator();
    for (const rows of [[0, 1], [2, 3], [4]]) {
      const g = gradOf(rows);
      acc.add({ [w.name]: g }, rows.length);
      g.dispose();
    }
    expect(acc.count).toBe(3);
    expect(acc.totalWeight).toBe(5);
    const mean = acc.mean();
    const got = Array.from((await mean[w.name]!.data()));
    const want = Array.from((await full.data()));
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
    // Unweighted mean of equal micro-batches: hand-checkable on constants.
    acc.reset();
    const a = tf.tensor1d([1, 2]);
    const b = tf.tensor1d([3, 6]);
    acc.add({ g: a });
    acc.add({ g: b });
    acc.add({ other: a }); // 'g' missing here: counts as zero
    const m2 = acc.mean();
    expect(Array.from((await m2['g']!.data()))).toEqual([4 / 3, 8 / 3].map(Math.fround));
    expect(Array.from((await m2['other']!.data()))).toEqual([1 / 3, 2 / 3].map(Math.fround));
    tf.dispose([a, b, mean, m2]);
    acc.reset();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([full, w]);
  });

  it('keeps its sums alive inside an enclosing tf.tidy and checks its input', async () => {
    const acc = new GradAccumulator();
    tf.tidy(() => acc.add({ g: tf.ones([2]) }, 2));
    const m = acc.mean();
    expect(Array.from((await m['g']!.data()))).toEqual([1, 1]);
    tf.dispose(m);
    const wrong = tf.ones([3]);
    expect(() => acc.add({ g: wrong })).toThrow(/gradient 'g' has shape \[3\] but earlier ones had \[2\]/);
    expect(() => acc.add({ g: wrong }, 0)).toThrow(/weight must be a positive finite number/);
    expect(acc.count).toBe(1);
    acc.dispose();
    expect(() => acc.mean()).toThrow(/no gradients were added/);
    wrong.dispose();
  });
});
