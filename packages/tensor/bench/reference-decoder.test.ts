import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeEachBackend } from '../src/test-utils/each-backend.js';
import { forwardLogits, greedyDecode, initParams, loss, randomBatch, type RefConfig } from './reference-decoder.js';

const SMALL: RefConfig = { vocab: 50, context: 16, dModel: 32, layers: 2, heads: 4, batch: 4 };

describeEachBackend('reference decoder', () => {
  it('naive and fast implementations give the same loss and gradients', () => {
    const p = initParams(SMALL, 3);
    const vars = Object.values(p);
    const { x, y } = randomBatch(SMALL, 9);
    const fast = tf.variableGrads(() => loss('fast', p, SMALL, x, y), vars);
    const naive = tf.variableGrads(() => loss('naive', p, SMALL, x, y), vars);
    expect(fast.value.dataSync()[0]).toBeCloseTo(naive.value.dataSync()[0]!, 4);
    for (const name of Object.keys(naive.grads)) {
      const a = fast.grads[name]!.dataSync();
      const b = naive.grads[name]!.dataSync();
      let worst = 0;
      for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
      expect(worst, name).toBeLessThan(2e-4);
    }
    tf.dispose([fast.value, naive.value, ...Object.values(fast.grads), ...Object.values(naive.grads), x, y, ...vars]);
  });

  it('trains (loss falls on a repeated batch) without leaking tensors', () => {
    const p = initParams(SMALL, 4);
    const vars = Object.values(p);
    const { x, y } = randomBatch(SMALL, 5);
    const step = (): number => {
      const { value, grads } = tf.variableGrads(() => loss('fast', p, SMALL, x, y), vars);
      tf.tidy(() => {
        for (const [name, g] of Object.entries(grads)) p[name]!.assign(tf.sub(p[name]!, tf.mul(g, 0.5)));
      });
      const l = value.dataSync()[0]!;
      tf.dispose([value, ...Object.values(grads)]);
      return l;
    };
    const first = step();
    step();
    const live = tf.memory().numTensors;
    let last = first;
    for (let i = 0; i < 25; i++) last = step();
    expect(tf.memory().numTensors).toBe(live);
    expect(last).toBeLessThan(first - 0.3);
    tf.dispose([x, y, ...vars]);
  });
});

describeEachBackend('reference decoder generation', () => {
  it('greedy decoding with the KV cache picks the same tokens as full re-computation', () => {
    const cfg: RefConfig = { vocab: 40, context: 24, dModel: 32, layers: 2, heads: 4, batch: 2 };
    const p = initParams(cfg, 8);
    const prompt = [[1, 5, 9, 2], [7, 7, 3, 30]];
    const cached = greedyDecode(p, cfg, prompt, 6);
    // uncached: run the whole sequence through the training forward and take the argmax at the end
    const seqs = prompt.map((r) => [...r]);
    for (let step = 0; step < 6; step++) {
      const ids = tf.tensor2d(seqs.flat(), [seqs.length, seqs[0]!.length], 'int32');
      const next = tf.tidy(() => {
        const logits = forwardLogits(p, cfg, ids); // [B, T, V]
        const t = ids.shape[1];
        return tf.argMax(tf.reshape(tf.slice(logits, [0, t - 1, 0], [seqs.length, 1, cfg.vocab]), [seqs.length, cfg.vocab]), -1);
      });
      const chosen = Array.from(next.dataSync());
      tf.dispose([ids, next]);
      chosen.forEach((id, i) => seqs[i]!.push(id));
    }
    expect(cached).toEqual(seqs.map((r) => r.slice(prompt[0]!.length)));
    tf.dispose(Object.values(p));
  });
});
