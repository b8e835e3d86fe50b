import { beforeAll, describe, expect, it } from 'vitest';
import { causalMask } from '@girl/tensor/internal';
import { AdamW, initBackend, tf } from '@girl/tensor';
import { GPT } from './gpt.js';

describe('GPT.clone', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('copies the weights into new variables; training or disposing one leaves the other intact', () => {
    const model = GPT.create({ vocabSize: 30, contextLength: 8, dModel: 8, nLayer: 1, nHead: 2 }, { seed: 5 });
    for (let t = 1; t <= 8; t++) causalMask(t); // @girl/tensor keeps one mask per length: make them before counting
    const before = tf.memory().numTensors;
    const copy = model.clone();
    expect(copy).not.toBe(model);
    expect(copy.config).toEqual(model.config);
    for (const [name, v] of Object.entries(model.params)) {
      expect(copy.params[name]).not.toBe(v);
      expect(Array.from(copy.params[name]!.dataSync())).toEqual(Array.from(v.dataSync()));
    }
    const ids = tf.tensor2d([[1, 2, 3]], [1, 3], 'int32');
    const logits = (m: GPT): number[] => tf.tidy(() => Array.from(m.forward(ids).dataSync()));
    const original = logits(model);

    // one AdamW step on the copy changes the copy only
    const opt = new AdamW(copy.params, { lr: 0.1 });
    const { value, grads } = tf.variableGrads(() => tf.mean(copy.forward(ids)) as tf.Scalar, Object.values(copy.params));
    opt.step(grads);
    tf.dispose([value, ...Object.values(grads)]);
    expect(logits(model)).toEqual(original);
    expect(logits(copy)).not.toEqual(original);

    // disposing the copy (and its optimizer) frees exactly what clone() and AdamW made
    opt.dispose();
    copy.dispose();
    expect(model.params['transformer.wte.weight']!.isDisposed).toBe(false);
    expect(logits(model)).toEqual(original);
    ids.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
