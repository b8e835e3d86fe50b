import { beforeAll, describe, expect, it } from 'vitest';
import { encodeSafetensors, float32ToFloat16, initBackend, tensorsToSafetensorsEntries, tf } from '@girl/tensor';
import type { SafetensorsEntry } from '@girl/tensor';
import { hfConfigJson } from './model-config-json.js';
import { modelFromFiles } from './model-files.js';
import { modelConfigJson } from './hf/model-config-json.js';
import { hfStateDict } from './hf/weight-map.js';
import { Llama } from './model/llama.js';
import { microModel, microTokenizer } from './testing/micro.js';

describe('modelFromFiles', () => {
  const tok = microTokenizer();
  let entries: Record<string, SafetensorsEntry>;
  let config: Record<string, unknown>;
  let logits: number[];
  const ids = () => tf.tensor2d([[1, 5, 9, 30]], [1, 4], 'int32');

  beforeAll(async () => {
    await initBackend('wasm');
    const model = microModel(tok, {}, 31);
    entries = await tensorsToSafetensorsEntries(model.params);
    config = hfConfigJson(model.config, tok);
    logits = Array.from(model.forward(ids()).dataSync());
    model.dispose();
  });
  const withEntry = (name: string, e: SafetensorsEntry) => encodeSafetensors({ ...entries, [name]: e });

  it('builds the same model from the bytes of its files, tokenizer included', () => {
    const { model, tokenizer } = modelFromFiles({ config, weights: encodeSafetensors(entries), tokenizer: tok.toJSON() });
    expect(Array.from(model.forward(ids()).dataSync())).toEqual(logits);
    expect(tokenizer?.encode('Data engineer 上海')).toEqual(tok.encode('Data engineer 上海'));
    model.dispose();
  });

  it('refuses a truncated file, naming it', () => {
    const bytes = encodeSafetensors(entries);
    expect(() => modelFromFiles({ config, weights: bytes.subarray(0, bytes.length - 100), source: 'runs/7/ppo/policy' })).toThrow(/runs\/7\/ppo\/policy\/model\.safetensors/);
  });

  it('refuses corrupt values: NaN, ±Infinity, |w| ≥ 1e8, and F16 infinities', () => {
    const name = 'transformer.wte.weight';
    const e = entries[name]!;
    for (const bad of [NaN, Infinity, -3e9]) {
      const data = Float32Array.from(e.data as Float32Array);
      data[7] = bad;
      expect(() => modelFromFiles({ config, weights: withEntry(name, { ...e, data }) })).toThrow(new RegExp(`'${name}' holds .* at index 7`));
    }
    const half = float32ToFloat16(Float32Array.from(e.data as Float32Array));
    half[3] = 0x7c00; // +Infinity in F16
    expect(() => modelFromFiles({ config, weights: withEntry(name, { dtype: 'F16', shape: e.shape, data: half }) })).toThrow(/is corrupt.*index 3/);
  });

  it('refuses a missing or misshapen tensor, naming it', () => {
    const { ['transformer.wpe.weight']: _dropped, ...rest } = entries;
    expect(() => modelFromFiles({ config, weights: encodeSafetensors(rest) })).toThrow(/no tensor 'transformer\.wpe\.weight'/);
    const e = entries['transformer.ln_f.bias']!;
    expect(() => modelFromFiles({ config, weights: withEntry('transformer.ln_f.bias', { dtype: 'F32', shape: [e.shape[0]! - 1], data: new Float32Array(e.shape[0]! - 1) }) })).toThrow(/ln_f\.bias.*has shape/);
  });

  it('builds a Llama-family model from Hugging Face files (transposed linear weights), same logits', async () => {
    const llama = Llama.create({ vocabSize: tok.vocabSize, contextLength: 32, dModel: 16, nLayer: 2, nHead: 4, nKvHead: 2, ffnDim: 24 }, { seed: 3 });
    const { tensors, owned } = hfStateDict(llama);
    const hfEntries = await tensorsToSafetensorsEntries(tensors);
    tf.dispose(owned);
    const want = Array.from(llama.forward(ids()).dataSync());
    const { model, config: cfg } = modelFromFiles({ config: modelConfigJson(llama.config, tok), weights: encodeSafetensors(hfEntries), tokenizer: tok.toJSON() });
    expect(model).toBeInstanceOf(Llama);
    expect(cfg.nLayer).toBe(2);
    expect(Array.from(model.forward(ids()).dataSync())).toEqual(want);
    // a tensor another model would have is refused, naming it
    const extra = { ...hfEntries, 'model.layers.9.mlp.up_proj.weight': hfEntries['model.layers.0.mlp.up_proj.weight']! };
    expect(() => modelFromFiles({ config: modelConfigJson(llama.config, tok), weights: encodeSafetensors(extra) })).toThrow(/holds tensor 'model\.layers\.9\.mlp\.up_proj\.weight'/);
    model.dispose();
    llama.dispose();
  });

  it("refuses a tokenizer larger than the config's vocabulary", async () => {
    const smaller = microModel(tok, { vocabSize: tok.vocabSize - 1 }, 5);
    const files = { config: hfConfigJson(smaller.config), weights: encodeSafetensors(await tensorsToSafetensorsEntries(smaller.params)) };
    const loaded = modelFromFiles(files); // without the tokenizer it loads
    expect(loaded.config.vocabSize).toBe(tok.vocabSize - 1);
    loaded.model.dispose();
    expect(() => modelFromFiles({ ...files, tokenizer: tok.toJSON() })).toThrow(/has \d+ ids but 'model\/config\.json' has vocab_size \d+/);
    smaller.dispose();
  });
});

describe('verifyChecksumBytes', () => {
  it('accepts matching bytes and names a file that does not match', async () => {
    const { sha256HexWeb, verifyChecksumBytes } = await import('./checksums-format.js');
    const good = new TextEncoder().encode('weights');
    const text = `${await sha256HexWeb(good)}  model.safetensors\n`;
    await expect(verifyChecksumBytes(text, { 'model.safetensors': good }, 'p')).resolves.toBeUndefined();
    await expect(verifyChecksumBytes(text, { 'model.safetensors': new TextEncoder().encode('weightz') }, 'p')).rejects.toThrow(/'p\/model\.safetensors' does not match .* corrupt/);
    await expect(verifyChecksumBytes(text, {}, 'p')).rejects.toThrow(/listed in checksums\.sha256 but missing/);
    expect(await sha256HexWeb(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
