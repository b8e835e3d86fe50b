import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeEachBackendAndGpu } from '../test-utils/each-backend.js';
import { expectCloseAsync, numericGradAsync, randn } from '../test-utils/close.js';
import { logSoftmax, softmax } from './softmax.js';

describeEachBackendAndGpu('softmax / logSoftmax', () => {
  it('normalise rows, agree with each other, and stay finite for large logits', async () => {
    const x = randn([3, 7], 71, 5);
    const p = softmax(x);
    for (const s of (await tf.sum(p, -1).data())) expect(s).toBeCloseTo(1, 5);
    await expectCloseAsync(tf.exp(logSoftmax(x)), p, 1e-6);
    const big = (await logSoftmax(tf.tensor2d([[1000, 0]])).data());
    expect(Number.isFinite(big[1])).toBe(true);
    expect(big[1]).toBeCloseTo(-1000, 3);
  });

  it('gradients match finite differences', async () => {
    const x = randn([2, 4], 72, 2);
    const r = randn([2, 4], 73);
    for (const op of [softmax, logSoftmax]) {
      const f = (t: tf.Tensor) => tf.sum(tf.mul(op(t), r)) as tf.Scalar;
      await expectCloseAsync(tf.grads(f)([x])[0]!, await numericGradAsync(f, x, 1e-2), 2e-2, 2e-2);
    }
  });
});
