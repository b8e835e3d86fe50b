import { beforeAll, describe, expect, it } from 'vitest';
import { AdamW, crossEntropy, initBackend, tf } from '@girl/tensor';
import type { Tensor } from '@girl/tensor';
import { Llama } from './llama.js';
import { countLlamaParameters, isLlamaConfig, resolveLlamaConfig } from './llama-config.js';
import { GptConfigError } from '../config.js';
import { generate } from '../generate/generate.js';
import { microTokenizer } from '../testing/micro.js';

const small = { vocabSize: 40, contextLength: 32, dModel: 16, nLayer: 2, nHead: 4, nKvHead: 2, ffnDim: 24 };
const ids = (rows: number[][]) => tf.tensor2d(rows, [rows.length, rows[0]!.length], 'int32');

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`Llama on ${backend}`, () => {
    beforeAll(async () => {
      await initBackend(backend);
    });

    it('has the config shapes, counts parameters, and supports tied/untied heads, biases and q/k norms', () => {
      for (const over of [{ tiedHead: true }, { tiedHead: false, attentionBias: 'qkv' as const }, { qkNorm: true, attentionBias: 'qkvo' as const, headDim: 8 }]) {
        const cfg = resolveLlamaConfig({ ...small, ...over });
        const model = Llama.create(cfg);
        expect(model.numParameters).toBe(countLlamaParameters(cfg));
        expect('lm_head.weight' in model.params).toBe(!cfg.tiedHead);
        expect('model.layers.0.self_attn.q_norm.weight' in model.params).toBe(cfg.qkNorm);
        const { logits, hidden } = model.forwardWithHidden(ids([[1, 2, 3], [4, 5, 6]]));
        expect(logits.shape).toEqual([2, 3, 40]);
        expect(hidden.shape).toEqual([2, 3, 16]);
        expect(model.forward(ids([[1, 2, 3]]), { lastOnly: true }).shape).toEqual([1, 1, 40]);
        model.dispose();
      }
    });

    it('is causal and position-aware (RoPE): a later token leaves earlier logits alone, order matters', () => {
      const model = Llama.create(small, { seed: 3 });
      const a = model.forward(ids([[1, 2, 3, 4]])).arraySync() as number[][][];
      const b = model.forward(ids([[1, 2, 3, 9]])).arraySync() as number[][][];
      for (let t = 0; t < 3; t++) for (let v = 0; v < 40; v++) expect(b[0]![t]![v]).toBeCloseTo(a[0]![t]![v]!, 5);
      expect(Math.abs(b[0]![3]![0]! - a[0]![3]![0]!)).toBeGreaterThan(1e-6);
      const swapped = model.forward(ids([[2, 1, 3, 4]])).arraySync() as number[][][];
      expect(Math.abs(swapped[0]![3]![5]! - a[0]![3]![5]!)).toBeGreaterThan(1e-6);
      model.dispose();
    });

    it('grouped-query attention equals full attention with each key/value head repeated', () => {
      const gqa = Llama.create({ ...small, nKvHead: 1 }, { seed: 5 });
      const tensors: Record<string, Tensor> = {};
      for (const [name, p] of Object.entries(gqa.params)) {
        tensors[name] = /[kv]_proj\.weight$/.test(name) ? tf.tile(p, [1, 4]) : tf.clone(p); // [C, D] → [C, 4·D]
      }
      const mha = Llama.fromTensors({ ...small, nKvHead: 4 }, tensors, { dispose: true });
      const x = ids([[3, 1, 4, 1, 5, 9]]);
      const diff = tf.max(tf.abs(tf.sub(gqa.forward(x), mha.forward(x)))).dataSync()[0]!;
      expect(diff).toBeLessThan(1e-5);
      gqa.dispose();
      mha.dispose();
    });

    it('left padding with a mask gives the unpadded logits; cached greedy decoding equals uncached', () => {
      const model = Llama.create(small, { seed: 4 });
      const plain = model.forward(ids([[5, 6, 7]])).arraySync() as number[][][];
      const padded = model.forward(ids([[0, 0, 5, 6, 7]]), { attentionMask: tf.tensor2d([[0, 0, 1, 1, 1]]) }).arraySync() as number[][][];
      for (let v = 0; v < 40; v++) expect(padded[0]![4]![v]).toBeCloseTo(plain[0]![2]![v]!, 4);
      model.dispose();
      const tok = microTokenizer();
      const lm = Llama.create({ ...small, vocabSize: tok.vocabSize, contextLength: 64 }, { seed: 9 });
      const prompts = [tok.encode('Data engineer with Python'), tok.encode('nurse')];
      const opts = { maxNewTokens: 12, stopAtEos: false };
      const cached = generate(lm, tok, prompts, { ...opts, useCache: true });
      const uncached = generate(lm, tok, prompts, { ...opts, useCache: false });
      expect(cached.tokens).toEqual(uncached.tokens);
      lm.dispose();
    });

    it('learns: a few AdamW steps lower the loss on a fixed batch', () => {
      const model = Llama.create(small, { seed: 7 });
      const x = ids([[1, 2, 3, 4, 5, 6, 7, 8]]);
      const y = ids([[2, 3, 4, 5, 6, 7, 8, 9]]);
      const loss = () => crossEntropy(model.forward(x), y);
      const before = tf.tidy(() => loss().dataSync()[0]!);
      const opt = new AdamW(model.params, { lr: 1e-2, weightDecay: 0 });
      for (let i = 0; i < 20; i++) {
        const { grads, value } = tf.variableGrads(() => loss() as tf.Scalar, Object.values(model.params));
        opt.step(grads);
        tf.dispose([value, ...Object.values(grads)]);
      }
      const after = tf.tidy(() => loss().dataSync()[0]!);
      expect(after).toBeLessThan(before * 0.5);
      model.dispose();
    });
  });
}

describe('resolveLlamaConfig', () => {
  it('fills defaults, marks the family and rejects bad fields by name', () => {
    const cfg = resolveLlamaConfig({ vocabSize: 500 });
    expect(cfg).toMatchObject({ family: 'llama', dModel: 128, headDim: 32, ffnDim: 352, nKvHead: 2 });
    expect(isLlamaConfig(cfg)).toBe(true);
    expect(isLlamaConfig({ vocabSize: 5 })).toBe(false);
    expect(() => resolveLlamaConfig({ vocabSize: 50, nHead: 4, nKvHead: 3 })).toThrow(/nKvHead \(3\) must divide nHead \(4\)/);
    expect(() => resolveLlamaConfig({ vocabSize: 50, headDim: 7 })).toThrow(GptConfigError);
  });
});
