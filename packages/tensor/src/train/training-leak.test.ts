import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { activeBackend } from '../backend/init-backend.js';
import { Rng } from '../random/rng.js';
import { randomNormalTensor } from '../random/random-tensor.js';
import { describeEachBackend } from '../test-utils/each-backend.js';
import { AdamW } from './adamw.js';
import { clipGradNorm } from './clip-grad-norm.js';
import { GradAccumulator } from './grad-accumulator.js';
import { warmupCosine } from './schedule.js';

let unique = 0;

describeEachBackend('training loop', (backend) => {
  it('100 steps of accumulate → clip → AdamW keep the live-tensor count flat and lower the loss', () => {
    expect(activeBackend()).toBe(backend);
    const rng = new Rng('leak-test');
    // A 2-layer MLP regression: x [16, 8] → h [16, 16] → y [16, 1].
    const id = unique++;
    const params = {
      w1: tf.variable(randomNormalTensor(rng, [8, 16], 0.3), true, `leak-w1-${id}`),
      b1: tf.variable(tf.zeros([16]), true, `leak-b1-${id}`),
      w2: tf.variable(randomNormalTensor(rng, [16, 1], 0.3), true, `leak-w2-${id}`),
      b2: tf.variable(tf.zeros([1]), true, `leak-b2-${id}`),
    };
    const x = randomNormalTensor(rng, [16, 8]);
    const y = tf.tidy(() => tf.sin(tf.sum(x, 1, true)));
    const opt = new AdamW(params, {
      lr: warmupCosine({ peakLr: 0.02, warmupSteps: 10, totalSteps: 100 }),
      weightDecay: 0.01,
    });
    const acc = new GradAccumulator();
    const loss = (rows: tf.Tensor, target: tf.Tensor) =>
      tf.tidy(() => {
        const h = tf.relu(tf.add(tf.matMul(rows, params.w1), params.b1));
        return tf.mean(tf.square(tf.sub(tf.add(tf.matMul(h, params.w2), params.b2), target))) as tf.Scalar;
      });
    const trainStep = (): number => {
      let value = 0;
      for (let micro = 0; micro < 2; micro++) {
        tf.tidy(() => {
          const rows = tf.slice(x, [micro * 8, 0], [8, 8]);
          const target = tf.slice(y, [micro * 8, 0], [8, 1]);
          const { value: l, grads } = tf.variableGrads(() => loss(rows, target), Object.values(params));
          value += l.dataSync()[0]! / 2;
          acc.add(grads, 8);
        });
      }
      const mean = acc.mean();
      const { grads, finite } = clipGradNorm(mean, 0.5);
      expect(finite).toBe(true);
      opt.step(grads);
      tf.dispose([mean, grads]);
      acc.reset();
      return value;
    };

    const first = trainStep(); // creates the optimizer's moments
    const live = tf.memory().numTensors;
    let last = first;
    for (let i = 1; i < 100; i++) {
      last = trainStep();
      if (i % 25 === 0) expect(tf.memory().numTensors).toBe(live);
    }
    expect(tf.memory().numTensors).toBe(live);
    expect(last).toBeLessThan(first * 0.5);

    opt.dispose();
    tf.dispose([x, y, ...Object.values(params)]);
  });
});
