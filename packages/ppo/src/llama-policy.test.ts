import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Llama, isLlamaConfig } from '@girl/generator';
import { initBackend, tf } from '@girl/tensor';
import { PpoTrainer } from './trainer.js';
import { loadPpoCheckpoint, savePpoCheckpoint } from './checkpoint.js';
import { skillShare, toyPairs, toyTokenizer } from './testing/toy.js';

// PPO takes any @girl/generator CausalLM: here a Qwen3-shaped Llama-family policy (GQA, q/k norms).
describe('PPO with a Llama-family policy', () => {
  beforeAll(async () => {
    await initBackend('auto');
  });

  it('starts at zero KL, sizes the value head from the policy, and checkpoints restore a Llama', async () => {
    const pairs = toyPairs(40);
    const tok = toyTokenizer(pairs);
    const policy = Llama.create({ arch: 'qwen3', qkNorm: true, vocabSize: tok.vocabSize, contextLength: 32, dModel: 24, nLayer: 1, nHead: 4, nKvHead: 2, headDim: 8 }, { seed: 3 });
    const trainer = new PpoTrainer({
      policy,
      tokenizer: tok,
      reward: (_cv, jd) => skillShare(jd, 'python'),
      prompts: pairs.map((p) => p.cv),
      config: { maxSteps: 1, batchSize: 8, miniBatchSize: 4, learningRate: 1e-3, maxNewTokens: 6, temperature: 1, seed: 1 },
    });
    const [m] = await trainer.train();
    expect(m!['objective/kl']).toBe(0);
    expect(trainer.valueHead.params['v_head.weight']!.shape).toEqual([24, 1]);
    const moved = tf.tidy(() => tf.max(tf.abs(tf.sub(policy.params['model.layers.0.mlp.up_proj.weight']!, trainer.reference.params['model.layers.0.mlp.up_proj.weight']!))).dataSync()[0]!);
    expect(moved).toBeGreaterThan(0); // one PPO step changed the policy, not the reference
    const dir = await mkdtemp(join(tmpdir(), 'girl-ppo-llama-'));
    await savePpoCheckpoint(dir, trainer);
    const loaded = await loadPpoCheckpoint(dir);
    expect(loaded.policy).toBeInstanceOf(Llama);
    expect(isLlamaConfig(loaded.policy.config) && loaded.policy.config.arch).toBe('qwen3');
    const same = tf.tidy(() => tf.max(tf.abs(tf.sub(loaded.policy.params['model.layers.0.mlp.up_proj.weight']!, policy.params['model.layers.0.mlp.up_proj.weight']!))).dataSync()[0]!);
    expect(same).toBe(0);
    loaded.policy.dispose();
    loaded.reference.dispose();
    loaded.valueHead.dispose();
    trainer.dispose();
    policy.dispose();
    await rm(dir, { recursive: true, force: true });
  });
});
