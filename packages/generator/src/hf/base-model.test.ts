import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '@girl/tensor';
import { Llama } from '../model/llama.js';
import { microTokenizer } from '../testing/micro.js';
import { generateJd } from '../generate/generate.js';
import { saveHfModel } from './save-hf.js';
import { loadBaseModel } from './base-model.js';

let root: string;

describe('loadBaseModel', () => {
  beforeAll(async () => {
    await initBackend('cpu');
    root = mkdtempSync(join(tmpdir(), 'girl-base-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("adds GIRL's template tokens to a foreign tokenizer and grows the embedding with mean rows", async () => {
    const girlTok = microTokenizer();
    // a "foreign" tokenizer.json: the same BPE without GIRL's six special tokens (ids 0..5 unused)
    const hf = girlTok.toHuggingFace() as { added_tokens: { content: string }[]; model: { vocab: Record<string, number> } };
    hf.added_tokens = hf.added_tokens.filter((t) => !t.content.startsWith('<|'));
    for (const k of Object.keys(hf.model.vocab)) if (k.startsWith('<|')) delete hf.model.vocab[k];
    const V = girlTok.vocabSize;
    const model = Llama.create({ arch: 'qwen3', qkNorm: true, vocabSize: V, contextLength: 64, dModel: 16, nLayer: 1, nHead: 2, nKvHead: 1 }, { seed: 1 });
    const dir = join(root, 'foreign');
    await saveHfModel(model, dir);
    writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(hf));
    const base = await loadBaseModel(dir, { maxContext: 48 });
    expect(base.addedTokens).toEqual(['<|pad|>', '<|bos|>', '<|eos|>', '<|cv|>', '<|jd|>', '<|sep|>']);
    expect(base.tokenizer.vocabSize).toBe(V + 6);
    expect(base.model.config.vocabSize).toBe(V + 6);
    expect(base.model.config.contextLength).toBe(48);
    const emb = base.model.params['model.embed_tokens.weight']!;
    const stats = tf.tidy(() => {
      const old = tf.slice(emb, [0, 0], [V, 16]);
      const fresh = tf.slice(emb, [V, 0], [6, 16]);
      return {
        oldSame: tf.max(tf.abs(tf.sub(old, model.params['model.embed_tokens.weight']!))).dataSync()[0]!,
        meanGap: tf.max(tf.abs(tf.sub(fresh, tf.mean(old, 0, true)))).dataSync()[0]!,
      };
    });
    expect(stats.oldSame).toBe(0);
    expect(stats.meanGap).toBeLessThan(1e-6);
    const out = generateJd(base.model, base.tokenizer, ['Data engineer, Python.'], { maxNewTokens: 4, stopAtEos: false });
    expect(out.tokens[0]).toHaveLength(4);
    base.model.dispose();
    model.dispose();
  });

  it('drops padding rows beyond the tokenizer, keeping the rest', async () => {
    const tok = microTokenizer();
    const model = Llama.create({ vocabSize: tok.vocabSize + 20, contextLength: 16, dModel: 8, nLayer: 1, nHead: 2, nKvHead: 1, tiedHead: false }, { seed: 2 });
    const dir = join(root, 'padded');
    await saveHfModel(model, dir, { tokenizer: tok });
    const base = await loadBaseModel(dir);
    expect(base.addedTokens).toEqual([]);
    expect(base.model.config.vocabSize).toBe(tok.vocabSize);
    expect(base.model.params['lm_head.weight']!.shape).toEqual([tok.vocabSize, 8]);
    const kept = tf.tidy(() => tf.max(tf.abs(tf.sub(base.model.params['lm_head.weight']!, tf.slice(model.params['lm_head.weight']!, [0, 0], [tok.vocabSize, 8])))).dataSync()[0]!);
    expect(kept).toBe(0);
    base.model.dispose();
    model.dispose();
  });

  it('refuses a folder without a tokenizer, freeing the model', async () => {
    const model = Llama.create({ vocabSize: 50, contextLength: 16, dModel: 8, nLayer: 1, nHead: 2, nKvHead: 1 });
    const dir = join(root, 'no-tok');
    await saveHfModel(model, dir);
    const before = tf.memory().numTensors;
    await expect(loadBaseModel(dir)).rejects.toThrow(/no-tok' has no tokenizer\.json/);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
