import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeSafetensors, initBackend, tf } from '@girl/tensor';
import type { SafetensorsEntry } from '@girl/tensor';
import { Llama } from '../model/llama.js';
import { GPT } from '../model/gpt.js';
import type { CausalLM } from '../model/causal-lm.js';
import { microTokenizer } from '../testing/micro.js';
import { loadHfModel } from './load-hf.js';
import { saveHfModel } from './save-hf.js';
import { hfStateDict } from './weight-map.js';
import { modelConfigFromJson } from './model-config-json.js';

const qwen3 = { arch: 'qwen3' as const, vocabSize: 300, contextLength: 32, dModel: 16, nLayer: 2, nHead: 4, nKvHead: 2, headDim: 8, ffnDim: 24, qkNorm: true, ropeTheta: 1e6 };
let root: string;
const fresh = (name: string) => join(root, name);

function maxDiff(a: CausalLM, b: CausalLM): number {
  return tf.tidy(() => {
    const ids = tf.tensor2d([[3, 1, 4, 1, 5, 9]], [1, 6], 'int32');
    return tf.max(tf.abs(tf.sub(a.forward(ids), b.forward(ids)))).dataSync()[0]!;
  });
}

/** The model's HF tensors as F32 safetensors entries, optionally edited. */
function entriesOf(model: CausalLM): Record<string, SafetensorsEntry> {
  const { tensors, owned } = hfStateDict(model);
  const out: Record<string, SafetensorsEntry> = {};
  for (const [n, t] of Object.entries(tensors)) out[n] = { dtype: 'F32', shape: [...t.shape], data: Float32Array.from(t.dataSync()) };
  tf.dispose(owned);
  return out;
}

describe('Hugging Face folders', () => {
  beforeAll(async () => {
    await initBackend('cpu');
    root = mkdtempSync(join(tmpdir(), 'girl-hf-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('round-trips a Qwen3-shaped model and its tokenizer; config.json is what transformers reads', async () => {
    const tok = microTokenizer();
    const model = Llama.create(qwen3, { seed: 2 });
    await saveHfModel(model, fresh('rt'), { tokenizer: tok });
    const cfg = JSON.parse(readFileSync(join(fresh('rt'), 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(cfg).toMatchObject({ model_type: 'qwen3', architectures: ['Qwen3ForCausalLM'], head_dim: 8, num_key_value_heads: 2, tie_word_embeddings: true });
    const loaded = await loadHfModel(fresh('rt'));
    expect(loaded.model).toBeInstanceOf(Llama);
    expect(loaded.tokenizer?.encode('nurse')).toEqual(tok.encode('nurse'));
    expect(loaded.parameters).toBe(model.numParameters);
    expect(loaded.bytesRead).toBe(model.numParameters * 4);
    expect(maxDiff(model, loaded.model)).toBe(0);
    model.dispose();
    loaded.model.dispose();
  });

  it('reads F16 files and BF16 shards behind model.safetensors.index.json', async () => {
    const model = Llama.create({ ...qwen3, arch: 'llama', qkNorm: false, tiedHead: false }, { seed: 3 });
    await saveHfModel(model, fresh('f16'), { dtype: 'F16' });
    const half = await loadHfModel(fresh('f16'));
    expect(half.bytesRead).toBe(model.numParameters * 2);
    expect(maxDiff(model, half.model)).toBeLessThan(0.02);
    half.model.dispose();
    // BF16, two shards
    const dir = fresh('bf16');
    await saveHfModel(model, dir);
    const entries = entriesOf(model);
    const names = Object.keys(entries).sort();
    const shardOf = (i: number) => (i < names.length / 2 ? 'model-00001-of-00002.safetensors' : 'model-00002-of-00002.safetensors');
    const shards: Record<string, Record<string, SafetensorsEntry>> = {};
    names.forEach((n, i) => {
      const e = entries[n]!;
      const bits = new Uint16Array(new Uint32Array((e.data as Float32Array).buffer).map((u) => u >>> 16)); // truncate to bfloat16
      (shards[shardOf(i)] ??= {})[n] = { dtype: 'BF16', shape: e.shape, data: bits };
    });
    rmSync(join(dir, 'model.safetensors'));
    rmSync(join(dir, 'checksums.sha256')); // as a Hugging Face download: no GIRL checksums
    for (const [file, es] of Object.entries(shards)) writeFileSync(join(dir, file), encodeSafetensors(es));
    writeFileSync(join(dir, 'model.safetensors.index.json'), JSON.stringify({ weight_map: Object.fromEntries(names.map((n, i) => [n, shardOf(i)])) }));
    const bf = await loadHfModel(dir);
    expect(bf.bytesRead).toBe(model.numParameters * 2);
    const d = maxDiff(model, bf.model);
    expect(d).toBeGreaterThan(0);
    expect(d).toBeLessThan(0.05);
    bf.model.dispose();
    model.dispose();
  });

  it('loads a GPT-2 folder whose names lack the transformer. prefix and that holds attention-mask buffers', async () => {
    const gpt = GPT.create({ vocabSize: 50, contextLength: 16, dModel: 8, nLayer: 1, nHead: 2 }, { seed: 1 });
    const dir = fresh('gpt2');
    await saveHfModel(gpt, dir);
    const entries = Object.fromEntries(Object.entries(entriesOf(gpt)).map(([n, e]) => [n.replace(/^transformer\./, ''), e]));
    entries['h.0.attn.bias'] = { dtype: 'F32', shape: [1, 1, 16, 16], data: new Float32Array(256) };
    rmSync(join(dir, 'checksums.sha256'));
    writeFileSync(join(dir, 'model.safetensors'), encodeSafetensors(entries));
    const loaded = await loadHfModel(dir);
    expect(maxDiff(gpt, loaded.model)).toBe(0);
    gpt.dispose();
    loaded.model.dispose();
  });

  it('refuses bad folders with the file, tensor and shapes named, leaving no tensor behind', async () => {
    const model = Llama.create(qwen3, { seed: 4 });
    const dir = fresh('bad');
    await saveHfModel(model, dir, { tokenizer: microTokenizer() });
    const good = readFileSync(join(dir, 'model.safetensors'));
    const cfgText = readFileSync(join(dir, 'config.json'), 'utf8');
    // the checksums GIRL writes catch any changed byte first
    const flipped = Buffer.from(good);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] as number) ^ 1;
    writeFileSync(join(dir, 'model.safetensors'), flipped);
    await expect(loadHfModel(dir)).rejects.toThrow(/model\.safetensors' does not match its SHA-256 in checksums\.sha256/);
    rmSync(join(dir, 'checksums.sha256')); // below: a folder without checksums, as from the Hub
    const before = tf.memory().numTensors;
    const expectError = async (re: RegExp) => {
      await expect(loadHfModel(dir)).rejects.toThrow(re);
      expect(tf.memory().numTensors).toBe(before);
    };
    const withEntries = (edit: (e: Record<string, SafetensorsEntry>) => void) => {
      const e = entriesOf(model);
      edit(e);
      writeFileSync(join(dir, 'model.safetensors'), encodeSafetensors(e));
    };
    withEntries((e) => delete e['model.layers.1.mlp.up_proj.weight']);
    await expectError(/no tensor 'model\.layers\.1\.mlp\.up_proj\.weight' \[24,16\]/);
    withEntries((e) => (e['model.layers.9.mlp.up_proj.weight'] = { dtype: 'F32', shape: [1], data: new Float32Array(1) }));
    await expectError(/model\.safetensors' holds tensor 'model\.layers\.9\.mlp\.up_proj\.weight' \[1\]/);
    withEntries((e) => (e['model.norm.weight'] = { dtype: 'F32', shape: [8], data: new Float32Array(8) }));
    await expectError(/tensor 'model\.norm\.weight' in '.*model\.safetensors' has shape \[8\], .*config\.json implies \[16\]/);
    writeFileSync(join(dir, 'model.safetensors'), good.subarray(0, good.length - 100));
    await expectError(/model\.safetensors': tensor '.*' needs bytes up to \d+ but the file has \d+; the file is truncated/);
    const corrupt = Buffer.from(good);
    corrupt[9] = 0xff; // not UTF-8, inside the JSON header
    writeFileSync(join(dir, 'model.safetensors'), corrupt);
    await expectError(/model\.safetensors': the safetensors header is not valid UTF-8 JSON/);
    writeFileSync(join(dir, 'model.safetensors'), good);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...JSON.parse(cfgText), girl: undefined, vocab_size: 100 }));
    await expectError(/tokenizer\.girl\.json' has \d+ ids but '.*config\.json' has vocab_size 100/);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...JSON.parse(cfgText), girl: undefined, model_type: 'phi', architectures: ['PhiForCausalLM'] }));
    await expectError(/architectures \["PhiForCausalLM"\] is not supported; GIRL loads GPT2LMHeadModel, LlamaForCausalLM/);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...JSON.parse(cfgText), girl: undefined, rope_scaling: { rope_type: 'yarn', factor: 4 } }));
    await expectError(/rope_scaling type "yarn" is not supported by GIRL; supported: none .*'linear', 'llama3'/);
    writeFileSync(join(dir, 'config.json'), cfgText);
    const ok = await loadHfModel(dir);
    expect(maxDiff(model, ok.model)).toBe(0);
    ok.model.dispose();
    model.dispose();
  });

  it('reads HF Llama-family fields: GQA default, Qwen2 biases, Mistral window cap, llama3 scaling', () => {
    const base = { vocab_size: 10, hidden_size: 16, intermediate_size: 8, num_hidden_layers: 1, num_attention_heads: 4, max_position_embeddings: 4096, rms_norm_eps: 1e-6 };
    expect(modelConfigFromJson({ ...base, model_type: 'llama' })).toMatchObject({ nKvHead: 4, headDim: 4, attentionBias: 'none', tiedHead: false });
    expect(modelConfigFromJson({ ...base, model_type: 'qwen2', num_key_value_heads: 2 })).toMatchObject({ nKvHead: 2, attentionBias: 'qkv', qkNorm: false });
    expect(modelConfigFromJson({ ...base, model_type: 'mistral', sliding_window: 1024 })).toMatchObject({ contextLength: 1024 });
    expect(modelConfigFromJson({ ...base, model_type: 'qwen3' }, 'c', 256)).toMatchObject({ contextLength: 256, qkNorm: true });
    const scaled = modelConfigFromJson({ ...base, model_type: 'llama', rope_scaling: { rope_type: 'llama3', factor: 8, low_freq_factor: 1, high_freq_factor: 4, original_max_position_embeddings: 8192 } });
    expect(scaled).toMatchObject({ ropeScaling: { type: 'llama3', factor: 8, originalMaxPositionEmbeddings: 8192 } });
    expect(() => modelConfigFromJson({ ...base, model_type: 'llama', hidden_act: 'gelu' }, 'x/config.json')).toThrow(/x\/config\.json: hidden_act 'gelu'/);
  });
});

