import { describe, expect, it } from 'vitest';
import { resolveSftConfig } from './config.js';

describe('resolveSftConfig', () => {
  it('fills every default, with the eval batch twice the training batch', () => {
    const r = resolveSftConfig({ batchSize: 4 }, 128);
    expect(r).toMatchObject({ batchSize: 4, evalBatchSize: 8, lr: 1e-3, beta2: 0.95, gradClip: 1, maxLength: 128, seed: 1337, maxSteps: null, resume: false });
  });

  it('refuses an unknown field naming the nearest one, and bad values naming the field', () => {
    expect(() => resolveSftConfig({ learningRate: 1e-4 } as never, 128)).toThrow(/learningRate/);
    expect(() => resolveSftConfig({ batchSize: 0 }, 128)).toThrow(/SftConfig\.batchSize must be an integer >= 1, got 0/);
    expect(() => resolveSftConfig({ maxLength: 300 }, 128)).toThrow(/maxLength \(300\) exceeds the model's contextLength \(128\)/);
    expect(() => resolveSftConfig({ resume: true }, 128)).toThrow(/resume needs checkpointDir/);
  });
});
