import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeEachBackendAndGpu } from '../test-utils/each-backend.js';
import { expectCloseAsync, randn } from '../test-utils/close.js';
import { embedding } from './embedding.js';

describeEachBackendAndGpu('embedding', () => {
  it('looks rows up and accumulates gradients of repeated ids (a one-hot reference)', async () => {
    const table = randn([6, 4], 11);
    const ids = tf.tensor2d([[1, 5, 1], [0, 1, 3]], [2, 3], 'int32');
    const out = embedding(ids, table);
    expect(out.shape).toEqual([2, 3, 4]);
    const t = (await table.array()) as number[][];
    await expectCloseAsync(out, [1, 5, 1, 0, 1, 3].flatMap((i) => t[i]!));
    const r = randn([2, 3, 4], 12);
    const [g] = tf.grads((tb: tf.Tensor) => tf.sum(tf.mul(embedding(ids, tb), r)))([table]);
    // reference: dTable[v] = Σ over positions with id v of r[position]
    const rr = (await r.array()) as number[][][];
    const want = Array.from({ length: 6 }, () => new Array(4).fill(0) as number[]);
    [[1, 5, 1], [0, 1, 3]].forEach((row, b) => row.forEach((v, p) => rr[b]![p]!.forEach((x, d) => (want[v]![d]! += x))));
    await expectCloseAsync(g!, want.flat());
  });

  it('rejects float ids', async () => {
    expect(() => embedding(tf.tensor1d([1]), tf.ones([3, 2]))).toThrow(/int32/);
  });
});
