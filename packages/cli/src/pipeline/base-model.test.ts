import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Llama, isLlamaConfig, loadModelFromCheckpoint, saveHfModel } from '@girl/generator';
import { initBackend, tf } from '@girl/tensor';
import { Tokenizer } from '@girl/tokenizer';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../config.js';
import { runPipeline } from './run-pipeline.js';

// `--base-model`: SFT starts from a Hugging Face folder (a tiny random Qwen3 here) and its tokenizer.json.
describe('pipeline with a base model (micro preset)', () => {
  it('takes the tokenizer from tokenizer.json and fine-tunes the base weights', async () => {
    await initBackend('auto');
    const root = await mkdtemp(join(tmpdir(), 'girl-cli-base-'));
    const texts = ['Data engineer with Python and SQL.', 'We seek a nurse for the emergency ward.', 'Chef: sauces, pastry.'];
    const baseTok = Tokenizer.train(texts, { vocabSize: 400 });
    const base = Llama.create({ arch: 'qwen3', qkNorm: true, vocabSize: baseTok.vocabSize + 8, contextLength: 512, dModel: 32, nLayer: 1, nHead: 4, nKvHead: 2 }, { seed: 1 });
    const baseDir = join(root, 'base');
    await saveHfModel(base, baseDir, { tokenizer: baseTok });
    const outcome = await runPipeline({ config: resolveConfig({ preset: 'micro', out: root, runId: 'r', model: { baseModel: baseDir } }), quiet: true, until: 'sft' });
    expect(outcome.status).toBe('completed');
    const runTok = JSON.parse(await readFile(outcome.run.file('tokenizer.girl.json'), 'utf8')) as unknown;
    expect(Tokenizer.fromJSON(runTok).encode('Data engineer')).toEqual(baseTok.encode('Data engineer'));
    const sft = await loadModelFromCheckpoint(outcome.run.file('sft', 'last'));
    expect(isLlamaConfig(sft.model.config) && sft.model.config.arch).toBe('qwen3');
    expect(sft.model.config.vocabSize).toBe(baseTok.vocabSize); // padding rows dropped
    const moved = tf.tidy(() => {
      const w = sft.model.params['model.layers.0.mlp.up_proj.weight']!;
      return tf.max(tf.abs(tf.sub(w, base.params['model.layers.0.mlp.up_proj.weight']!))).dataSync()[0]!;
    });
    expect(moved).toBeGreaterThan(0); // trained from the base weights…
    expect(moved).toBeLessThan(0.05); // …not a fresh initialisation (two N(0, 0.02) draws differ by ~0.1 somewhere)
    sft.model.dispose();
    base.dispose();
  }, 300_000);
});
