import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '@girl/tensor';
import { GPT, parameterShapes, positionsFromMask } from './gpt.js';
import { countParameters, resolveGptConfig, GptConfigError } from '../config.js';
import { PRESETS } from '../presets.js';
import { KVCache } from './kv-cache.js';

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`GPT on ${backend}`, () => {
    beforeAll(async () => {
      await initBackend(backend);
    });

    it('has the shapes of the config and counts parameters like countParameters', () => {
      for (const tiedHead of [true, false]) {
        const cfg = resolveGptConfig({ vocabSize: 50, contextLength: 16, dModel: 8, nLayer: 2, nHead: 2, tiedHead });
        const model = GPT.create(cfg);
        expect(model.numParameters).toBe(countParameters(cfg));
        expect('lm_head.weight' in model.params).toBe(!tiedHead);
        const ids = tf.tensor2d([[1, 2, 3], [4, 5, 6]], [2, 3], 'int32');
        const { logits, hidden } = model.forwardWithHidden(ids);
        expect(logits.shape).toEqual([2, 3, 50]);
        expect(hidden.shape).toEqual([2, 3, 8]);
        expect(model.forward(ids, { lastOnly: true }).shape).toEqual([2, 1, 50]);
        model.dispose();
      }
    });

    it('is causal: changing a later token leaves earlier logits unchanged', () => {
      const model = GPT.create({ vocabSize: 40, contextLength: 16, dModel: 16, nLayer: 2, nHead: 2 }, { seed: 3 });
      const a = model.forward(tf.tensor2d([[1, 2, 3, 4]], [1, 4], 'int32')).arraySync() as number[][][];
      const b = model.forward(tf.tensor2d([[1, 2, 3, 9]], [1, 4], 'int32')).arraySync() as number[][][];
      for (let t = 0; t < 3; t++) for (let v = 0; v < 40; v++) expect(b[0]![t]![v]).toBeCloseTo(a[0]![t]![v]!, 5);
      expect(Math.abs(b[0]![3]![0]! - a[0]![3]![0]!)).toBeGreaterThan(1e-6);
      model.dispose();
    });

    it('left padding with a mask gives the same logits as the unpadded row', () => {
      const model = GPT.create({ vocabSize: 40, contextLength: 16, dModel: 16, nLayer: 2, nHead: 2 }, { seed: 4 });
      const plain = model.forward(tf.tensor2d([[5, 6, 7]], [1, 3], 'int32')).arraySync() as number[][][];
      const padded = model
        .forward(tf.tensor2d([[0, 0, 5, 6, 7]], [1, 5], 'int32'), { attentionMask: tf.tensor2d([[0, 0, 1, 1, 1]], [1, 5]) })
        .arraySync() as number[][][];
      for (let t = 0; t < 3; t++) for (let v = 0; v < 40; v++) expect(padded[0]![t + 2]![v]).toBeCloseTo(plain[0]![t]![v]!, 4);
      model.dispose();
    });

    it('prefill + one cached step equals the full forward', () => {
      const model = GPT.create({ vocabSize: 40, contextLength: 16, dModel: 16, nLayer: 2, nHead: 2 }, { seed: 5 });
      const full = model.forward(tf.tensor2d([[0, 5, 6, 7], [8, 9, 10, 11]], [2, 4], 'int32'), {
        attentionMask: tf.tensor2d([[0, 1, 1, 1], [1, 1, 1, 1]]),
      });
      const last = tf.slice(full, [0, 3, 0], [2, 1, 40]).arraySync() as number[][][];
      const cache = new KVCache(2, 2);
      model.forward(tf.tensor2d([[0, 5, 6], [8, 9, 10]], [2, 3], 'int32'), { attentionMask: tf.tensor2d([[0, 1, 1], [1, 1, 1]]), cache });
      const step = model.forward(tf.tensor2d([[7], [11]], [2, 1], 'int32'), { attentionMask: tf.tensor2d([[1], [1]]), cache }).arraySync() as number[][][];
      expect(cache.length).toBe(4);
      expect(Array.from(cache.nextPosition)).toEqual([3, 4]);
      for (let b = 0; b < 2; b++) for (let v = 0; v < 40; v++) expect(step[b]![0]![v]).toBeCloseTo(last[b]![0]![v]!, 4);
      cache.dispose();
      model.dispose();
    });

    it('initialises identically from a seed and follows GPT-2 scales', () => {
      const cfg = { vocabSize: 64, contextLength: 8, dModel: 32, nLayer: 4, nHead: 4 };
      const a = GPT.create(cfg, { seed: 9 });
      const b = GPT.create(cfg, { seed: 9 });
      const wa = a.params['transformer.h.0.attn.c_attn.weight']!.dataSync();
      expect(Array.from(wa)).toEqual(Array.from(b.params['transformer.h.0.attn.c_attn.weight']!.dataSync()));
      const std = (x: ArrayLike<number>) => Math.sqrt(Array.from(x).reduce((s, v) => s + v * v, 0) / x.length);
      expect(std(wa)).toBeGreaterThan(0.017);
      expect(std(wa)).toBeLessThan(0.023);
      const proj = std(a.params['transformer.h.0.mlp.c_proj.weight']!.dataSync());
      expect(proj).toBeLessThan(0.02 / Math.sqrt(8) * 1.2);
      expect(Array.from(a.params['transformer.h.0.ln_1.weight']!.dataSync()).every((v) => v === 1)).toBe(true);
      a.dispose();
      b.dispose();
    });
  });
}

describe('config', () => {
  it('rejects bad configs with the field named', () => {
    expect(() => resolveGptConfig({ vocabSize: 10, dModel: 30, nHead: 4 })).toThrow(GptConfigError);
    expect(() => resolveGptConfig({ vocabSize: 10, dModel: 30, nHead: 4 })).toThrow(/nHead \(4\) must divide dModel \(30\)/);
    expect(() => resolveGptConfig({ vocabSize: 0 })).toThrow(/vocabSize/);
    expect(() => resolveGptConfig({ vocabSize: 10, dropout: 1 })).toThrow(/dropout/);
  });

  it('presets are valid and ordered by size', () => {
    const sizes = (['tiny', 'small', 'base'] as const).map((p) => countParameters(resolveGptConfig({ vocabSize: 8192, ...PRESETS[p] })));
    expect(sizes[0]!).toBeLessThan(sizes[1]!);
    expect(sizes[1]!).toBeLessThan(sizes[2]!);
    expect(Object.keys(parameterShapes(resolveGptConfig({ vocabSize: 10, ...PRESETS.tiny })))).toHaveLength(2 + 12 * 4 + 2);
  });

  it('positionsFromMask counts real tokens from 0', () => {
    expect(Array.from(positionsFromMask([0, 0, 1, 1, 1, 1, 1, 0], 2, 4))).toEqual([0, 0, 0, 1, 0, 1, 2, 2]);
  });
});
