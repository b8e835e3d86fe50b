import { describe, expect, it } from 'vitest';
import { DEFAULT_SFT_CONFIG, SFT_RENAMED_FIELDS, resolveSftConfig, sftWarmupSteps } from './config.js';

describe('resolveSftConfig', () => {
  it('fills every default, with the eval batch twice the training batch', () => {
    const r = resolveSftConfig({ perDeviceTrainBatchSize: 4 }, 128);
    expect(r).toMatchObject({ perDeviceTrainBatchSize: 4, perDeviceEvalBatchSize: 8, learningRate: 1e-3, adamBeta2: 0.95, maxGradNorm: 1, maxLength: 128, seed: 1337, maxSteps: null, resume: false });
    expect(Object.keys(r).sort()).toEqual(Object.keys(DEFAULT_SFT_CONFIG).sort());
  });

  it('refuses an unknown field naming the nearest one, an old name naming the new one, and bad values naming the field', () => {
    expect(() => resolveSftConfig({ learning_rate: 1e-4 } as never, 128)).toThrow(/unknown field 'learning_rate' \(did you mean 'learningRate'\?\)/);
    expect(() => resolveSftConfig({ lr: 1e-4, gradClip: 0 } as never, 128)).toThrow(/unknown fields 'lr' \(renamed 'learningRate'\), 'gradClip' \(renamed 'maxGradNorm'\)/);
    expect(() => resolveSftConfig({ perDeviceTrainBatchSize: 0 }, 128)).toThrow(/SftConfig\.perDeviceTrainBatchSize must be an integer >= 1, got 0/);
    expect(() => resolveSftConfig({ maxLength: 300 }, 128)).toThrow(/maxLength \(300\) exceeds the model's contextLength \(128\)/);
    expect(() => resolveSftConfig({ resume: true }, 128)).toThrow(/resume needs checkpointDir/);
    expect(() => resolveSftConfig({ warmupRatio: 1 }, 128)).toThrow(/SftConfig\.warmupRatio must be in \[0, 1\), got 1/);
    // every old name maps to a field that exists today
    for (const [from, to] of Object.entries(SFT_RENAMED_FIELDS)) expect([from in DEFAULT_SFT_CONFIG, to in DEFAULT_SFT_CONFIG]).toEqual([false, true]);
  });

  it('warms up for warmupSteps, else warmupRatio of the run capped at 100 steps', () => {
    expect(sftWarmupSteps({ warmupSteps: 7, warmupRatio: 0.05 }, 10_000)).toBe(7);
    expect(sftWarmupSteps({ warmupSteps: null, warmupRatio: 0.05 }, 800)).toBe(40);
    expect(sftWarmupSteps({ warmupSteps: null, warmupRatio: 0.05 }, 10_000)).toBe(100);
  });
});
