import { describe, expect, it } from 'vitest';
import { TrainingDivergedError } from '@girl/generator';
import { RewardTrainingDivergedError } from '@girl/reward';
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

  it('returns null for any other error', () => {
    expect(divergenceAdvice(new Error('disk full'), 'sft', config, 'runs/x', true)).toBeNull();
  });
});
