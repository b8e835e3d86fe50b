import { describe, expect, it } from 'vitest';
import { TrainingDivergedError } from '@girl/generator';
import { RewardTrainingDivergedError } from '@girl/reward';
import { DivergenceError } from '@girl/tensor';
import { resolveConfig } from '../config.js';
import { divergenceAdvice } from './divergence.js';

const config = resolveConfig({ preset: 'micro' });

describe('divergenceAdvice', () => {
  it('names CLI fields, a lower rate, the resume command, and whether a checkpoint exists', () => {
    const sft = divergenceAdvice(new TrainingDivergedError(7, 'loss', Number.NaN, '/r/sft'), 'sft', config, 'runs/x', true)!;
    expect(sft).toContain('The sft stage diverged at step 7: the loss became NaN');
    expect(sft).toContain(JSON.stringify({ sft: { learningRate: config.sft.learningRate / 10, maxGradNorm: 0.5 } }));
    expect(sft).toContain('girl pipeline --resume runs/x --config fix.json');
    expect(sft).toContain('continues from its last checkpoint (sft/last)');
    const rm = divergenceAdvice(new RewardTrainingDivergedError(2, 'gradient norm', Infinity), 'reward', config, 'runs/x', false)!;
    expect(rm).toContain('"reward":{"learningRate"');
    expect(rm).toContain('No checkpoint of the reward stage was saved yet, so it starts again from its first step');
  });

  it('advises PPO in its own fields and names its checkpoint folder', () => {
    const e = new DivergenceError({ stage: 'ppo', step: 5, what: 'gradient norm', value: Infinity, advice: { resume: 'x', fresh: 'y' } });
    const ppo = divergenceAdvice(e, 'ppo', config, 'runs/x', true)!;
    expect(ppo).toContain('The ppo stage diverged at step 5: the gradient norm became Infinity');
    expect(ppo).toContain(JSON.stringify({ ppo: { learningRate: Number((config.ppo.learningRate / 10).toPrecision(3)), maxGradNorm: 0.5 } }));
    expect(ppo).toContain('continues from its last checkpoint (ppo/ckpt)');
  });

  it('returns null for any other error', () => {
    expect(divergenceAdvice(new Error('disk full'), 'sft', config, 'runs/x', true)).toBeNull();
  });
});
