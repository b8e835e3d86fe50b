import { createJobMarket, splitByGroup } from '@girl/data';
import { initBackend } from '@girl/tensor';
import { Tokenizer } from '@girl/tokenizer';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateRewardModel } from '../eval/evaluate.js';
import { RewardModel } from '../model/reward-model.js';
import { trainRewardModel } from './trainer.js';

describe('learning', () => {
  beforeAll(async () => {
    await initBackend('auto');
  });

  it('a micro reward model learns which JDs fit which CVs: held-out AUC (other people) rises well above its start', async () => {
    // 4 occupations; positives and other-occupation negatives (no hard negatives: those need minutes, see
    // scripts/eval-synthetic.ts), no label noise. Every JD is a positive for one CV and a negative for
    // another, so only the CV–JD relation separates the classes.
    const market = createJobMarket({ seed: 2, people: 200, pairs: 600, occupations: 4, labelNoise: 0, pairMix: { positive: 0.5, hardNegative: 0, randomNegative: 0.5 } });
    const { train, test } = splitByGroup(market.pairs, { key: (p) => p.group, seed: 1, ratios: { train: 0.7, validation: 0, test: 0.3 } });
    const tokenizer = Tokenizer.train(
      train.flatMap((p) => [p.cv, p.jd]),
      { vocabSize: 1000 },
    );
    const model = RewardModel.create({ tokenizer, backbone: { contextLength: 256, dModel: 32, nLayer: 2, nHead: 4 }, interaction: 'maxsim', seed: 1 });
    const before = await evaluateRewardModel(model, test, { baselines: false });
    const r = await trainRewardModel({ model, train, config: { maxSteps: 60, perDeviceTrainBatchSize: 8, learningRate: 2e-3, evalSteps: 0, seed: 1 } });
    const after = await evaluateRewardModel(model, test, { baselines: false });
    console.log(`learning test: held-out AUC ${before.model.auc.toFixed(3)} → ${after.model.auc.toFixed(3)}, pairwise ${before.model.pairwiseAccuracy.toFixed(3)} → ${after.model.pairwiseAccuracy.toFixed(3)} after ${r.steps} steps on ${r.data.comparisons} comparisons`);
    expect(r.data.cvTruncated + r.data.jdTruncated).toBe(0);
    expect(after.model.auc).toBeGreaterThan(0.93);
    expect(after.model.auc).toBeGreaterThan(before.model.auc + 0.05);
    expect(after.model.pairwiseAccuracy).toBeGreaterThan(0.95);
    model.dispose();
  }, 180_000);
});
