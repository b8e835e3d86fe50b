import { GPT } from '@girl/generator';
import type { CausalLM } from '@girl/generator';
import { AdamW, initBackend, tf } from '@girl/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { microTokenizer } from '../testing.js';
import { RewardModel } from './reward-model.js';

const weights = (m: CausalLM): number[] => Array.from(m.params['transformer.wte.weight']!.dataSync());

/** One AdamW step on the reward model's logit of a pair (moves every backbone weight it reads). */
function trainOneStep(rm: RewardModel): void {
  const batch = rm.collate([rm.encode('python data engineer', 'data engineer, python')]);
  const opt = new AdamW(rm.params, { lr: 0.1 });
  const { value, grads } = tf.variableGrads(() => tf.sum(rm.logits(batch)) as tf.Scalar, Object.values(rm.params));
  opt.step(grads);
  tf.dispose([value, ...Object.values(grads)]);
  opt.dispose();
}

describe('RewardModel.create({ backbone: gpt })', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('copies the GPT by default: training and disposing the reward model leave it unchanged and alive', () => {
    const tok = microTokenizer();
    const sft = GPT.create({ vocabSize: tok.vocabSize, contextLength: 48, dModel: 16, nLayer: 1, nHead: 2 }, { seed: 2 });
    const before = weights(sft);
    const rm = RewardModel.create({ tokenizer: tok, backbone: sft, seed: 1 });
    expect(rm.backbone).not.toBe(sft);
    expect(weights(rm.backbone)).toEqual(before); // the same starting point
    trainOneStep(rm);
    expect(weights(rm.backbone)).not.toEqual(before);
    expect(weights(sft)).toEqual(before);
    rm.dispose();
    expect(sft.params['transformer.wte.weight']!.isDisposed).toBe(false);
    sft.dispose();
  });

  it('with shareBackbone: true reads and trains that very model and frees it in dispose()', () => {
    const tok = microTokenizer();
    const sft = GPT.create({ vocabSize: tok.vocabSize, contextLength: 48, dModel: 16, nLayer: 1, nHead: 2 }, { seed: 2 });
    const before = weights(sft);
    const rm = RewardModel.create({ tokenizer: tok, backbone: sft, shareBackbone: true, seed: 1 });
    expect(rm.backbone).toBe(sft);
    trainOneStep(rm);
    expect(weights(sft)).not.toEqual(before);
    rm.dispose();
    expect(sft.params['transformer.wte.weight']!.isDisposed).toBe(true);
  });

  it('create and dispose leave no tensor behind, and a failed create frees what it made', () => {
    const tok = microTokenizer();
    const sft = GPT.create({ vocabSize: tok.vocabSize, contextLength: 48, dModel: 16, nLayer: 1, nHead: 2 }, { seed: 2 });
    const start = tf.memory().numTensors;
    RewardModel.create({ tokenizer: tok, backbone: sft, interaction: 'maxsim', seed: 1 }).dispose();
    expect(tf.memory().numTensors).toBe(start);
    expect(() => RewardModel.create({ tokenizer: tok, backbone: sft, maxLength: 4 })).toThrow(/maxLength must be an integer in \[8, contextLength = 48\]/);
    expect(tf.memory().numTensors).toBe(start);
    sft.dispose();
  });
});
