import { mkdtemp, readFile, rm as rmDir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GPT, Llama } from '@girl/generator';
import { decodeSafetensors, initBackend, tf } from '@girl/tensor';
import type { Tensor } from '@girl/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { microTokenizer } from './testing.js';
import { RewardModel } from './model/reward-model.js';
import { saveRewardModelHf } from './hf-export.js';

const CV = 'Data engineer with Python, SQL and Spark.';
const JD = 'We seek a data engineer: Python, SQL, Spark.';

async function readFolder(dir: string): Promise<{ config: Record<string, unknown>; tensors: Record<string, Tensor> }> {
  const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
  const st = decodeSafetensors(new Uint8Array(await readFile(join(dir, 'model.safetensors'))));
  const tensors = Object.fromEntries(Object.entries(st.tensors).map(([n, e]) => [n, tf.tensor(e.data as Float32Array, e.shape)]));
  return { config, tensors };
}

describe('saveRewardModelHf', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('writes GPT2ForSequenceClassification whose last-token score equals GIRL’s (bias folded into ln_f)', async () => {
    const tok = microTokenizer();
    const rm = RewardModel.create({ tokenizer: tok, backbone: { contextLength: 48, dModel: 16, nLayer: 1, nHead: 2 }, seed: 3 });
    rm.head.bias.assign(tf.tensor1d([0.7]));
    const dir = await mkdtemp(join(tmpdir(), 'girl-rm-hf-'));
    const info = await saveRewardModelHf(rm, dir);
    expect(info).toEqual({ architecture: 'GPT2ForSequenceClassification', dropped: [], scoreOffset: 0 });
    const { config, tensors } = await readFolder(dir);
    expect(config).toMatchObject({ architectures: ['GPT2ForSequenceClassification'], num_labels: 1, pad_token_id: tok.padId, model_type: 'gpt2' });
    expect(tensors['score.weight']!.shape).toEqual([1, 16]);
    expect('lm_head.weight' in tensors).toBe(false);
    // HF's forward: the backbone from the file, the score on the last real token, no bias
    const { 'score.weight': w, ...rest } = tensors;
    const hf = GPT.fromTensors(rm.backbone.config, rest, { dispose: true });
    const ex = rm.encode(CV, JD);
    const hfScore = tf.tidy(() => {
      const h = hf.forwardHidden(tf.tensor2d(ex.ids, [1, ex.ids.length], 'int32')); // [1, T, C]
      return tf.sum(tf.mul(tf.slice(h, [0, ex.ids.length - 1, 0], [1, 1, 16]), tf.reshape(w!, [1, 1, 16]))).dataSync()[0]!;
    });
    const [girl] = await rm.score([CV], [JD]);
    expect(hfScore).toBeCloseTo(girl!, 4);
    tf.dispose(w!);
    hf.dispose();
    rm.dispose();
    await rmDir(dir, { recursive: true, force: true });
  });

  it('writes Qwen3ForSequenceClassification on a Llama-family backbone and reports the bias it cannot hold', async () => {
    const tok = microTokenizer();
    const backbone = Llama.create({ arch: 'qwen3', qkNorm: true, vocabSize: tok.vocabSize, contextLength: 48, dModel: 16, nLayer: 1, nHead: 2, nKvHead: 1 }, { seed: 2 });
    const rm = RewardModel.create({ tokenizer: tok, backbone, seed: 3 });
    rm.head.bias.assign(tf.tensor1d([0.25]));
    const dir = await mkdtemp(join(tmpdir(), 'girl-rm-hf-'));
    const info = await saveRewardModelHf(rm, dir);
    expect(info.architecture).toBe('Qwen3ForSequenceClassification');
    expect(info.scoreOffset).toBeCloseTo(0.25, 6);
    const { config, tensors } = await readFolder(dir);
    expect(config).toMatchObject({ model_type: 'qwen3', num_labels: 1, num_key_value_heads: 1 });
    expect(Object.keys(tensors).filter((n) => n.startsWith('score.'))).toEqual(['score.weight']);
    tf.dispose(Object.values(tensors));
    rm.dispose();
    await rmDir(dir, { recursive: true, force: true });
  });

  it('refuses the parts HF cannot hold unless told to drop them, and mean pooling always', async () => {
    const tok = microTokenizer();
    const dir = await mkdtemp(join(tmpdir(), 'girl-rm-hf-'));
    const maxsim = RewardModel.create({ tokenizer: tok, backbone: { contextLength: 48, dModel: 16, nLayer: 1, nHead: 2 }, interaction: 'maxsim' });
    await expect(saveRewardModelHf(maxsim, dir)).rejects.toThrow(/cannot hold the late-interaction term .*dropUnexportable: true/);
    const info = await saveRewardModelHf(maxsim, dir, { dropUnexportable: true });
    expect(info.dropped).toHaveLength(1);
    maxsim.dispose();
    const mean = RewardModel.create({ tokenizer: tok, backbone: { contextLength: 48, dModel: 16, nLayer: 1, nHead: 2 }, pooling: 'mean' });
    await expect(saveRewardModelHf(mean, dir, { dropUnexportable: true })).rejects.toThrow(/pooling 'mean' cannot be expressed/);
    mean.dispose();
    await rmDir(dir, { recursive: true, force: true });
  });
});
