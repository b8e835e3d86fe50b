import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeSafetensors, initBackend, tf } from '@girl/tensor';
import { loadModel, saveModel } from './safetensors-export.js';
import { microModel, microTokenizer } from './testing/micro.js';

describe('safetensors export / import', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('round-trips weights, config and tokenizer; logits are identical', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'girl-gen-export-'));
    const tok = microTokenizer();
    for (const tiedHead of [true, false]) {
      const model = microModel(tok, { tiedHead }, 21);
      await saveModel(model, dir, { tokenizer: tok });
      const cfg = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8'));
      expect(cfg).toMatchObject({ model_type: 'gpt2', n_embd: 32, n_layer: 2, n_head: 4, n_positions: 64, activation_function: 'gelu_new', tie_word_embeddings: tiedHead, eos_token_id: tok.eosId });
      const st = decodeSafetensors(new Uint8Array(await readFile(join(dir, 'model.safetensors'))));
      expect(st.tensors['transformer.h.1.attn.c_attn.weight']!.shape).toEqual([32, 96]);
      expect('lm_head.weight' in st.tensors).toBe(!tiedHead);
      const loaded = await loadModel(dir);
      expect(loaded.config).toEqual(model.config);
      expect(loaded.tokenizer!.encode('Data engineer 上海')).toEqual(tok.encode('Data engineer 上海'));
      const ids = tf.tensor2d([[1, 5, 9, 30]], [1, 4], 'int32');
      expect(Array.from(loaded.model.forward(ids).dataSync())).toEqual(Array.from(model.forward(ids).dataSync()));
      model.dispose();
      loaded.model.dispose();
    }
  });

  it('F16 export is half the size and close', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'girl-gen-export16-'));
    const tok = microTokenizer();
    const model = microModel(tok, {}, 22);
    await saveModel(model, dir, { dtype: 'F16' });
    const loaded = await loadModel(dir);
    expect(loaded.tokenizer).toBeNull();
    const ids = tf.tensor2d([[1, 5, 9]], [1, 3], 'int32');
    const a = model.forward(ids).dataSync();
    const b = loaded.model.forward(ids).dataSync();
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-2);
    model.dispose();
    loaded.model.dispose();
  });

  it('says what is wrong with a bad folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'girl-gen-bad-'));
    await expect(loadModel(dir)).rejects.toThrow(/cannot read .*config.json/);
    await writeFile(join(dir, 'config.json'), JSON.stringify({ model_type: 'llama' }));
    await expect(loadModel(dir)).rejects.toThrow(/only GPT-2-style/);
    const tok = microTokenizer();
    const model = microModel(tok, {}, 23);
    await saveModel(model, dir);
    await rm(join(dir, 'checksums.sha256')); // a folder from elsewhere: no checksums, the shapes are checked
    const cfg = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8'));
    cfg.girl.config.dModel = 64;
    cfg.girl.config.nHead = 4;
    await writeFile(join(dir, 'config.json'), JSON.stringify(cfg));
    await expect(loadModel(dir)).rejects.toThrow(/has shape \[300,32\], config.json implies \[300,64\]|shape/);
    model.dispose();
  });

  it('refuses a corrupt or missing file of an exported folder by name (checksums.sha256)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'girl-gen-corrupt-'));
    const tok = microTokenizer();
    const model = microModel(tok, {}, 24);
    await saveModel(model, dir, { tokenizer: tok });
    model.dispose();
    const sums = await readFile(join(dir, 'checksums.sha256'), 'utf8');
    expect(sums.trim().split('\n').map((l) => l.split('  ')[1])).toEqual(['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer.girl.json']);
    const file = join(dir, 'model.safetensors');
    const good = await readFile(file);
    const bad = Buffer.from(good);
    for (let i = 0; i < 4096 && 1024 + i < bad.length; i++) bad[1024 + i]! ^= 0xff; // 4 KB flipped inside the weights
    await writeFile(file, bad);
    await expect(loadModel(dir)).rejects.toThrow(/model\.safetensors' does not match its SHA-256 in checksums\.sha256; the file is corrupt/);
    await writeFile(file, good);
    (await loadModel(dir)).model.dispose();
    await rm(join(dir, 'tokenizer.girl.json'));
    await expect(loadModel(dir)).rejects.toThrow(/tokenizer\.girl\.json' is listed in checksums\.sha256 but missing/);
  });
});
