import { describe, expect, it } from 'vitest';
import { loopOptions } from './loop-options.js';

describe('loopOptions', () => {
  it('picks the shared fields of a trainer config and adds the task\'s own', () => {
    const config = {
      seed: 7, maxSteps: 10, numTrainEpochs: 2, gradientAccumulationSteps: 3, learningRate: 1e-3, minLr: null, adamBeta1: 0.9, adamBeta2: 0.95,
      weightDecay: 0.01, maxGradNorm: 1, evalSteps: 5, saveSteps: null, earlyStoppingPatience: 2, earlyStoppingThreshold: 0.1,
      checkpointDir: 'runs/x', resume: 'auto' as const, metricsFile: null, perDeviceTrainBatchSize: 8, objective: 'both',
    };
    const o = loopOptions(config, { warmupSteps: (t) => t / 10, greaterIsBetter: true, lossMean: 'micro-batches' });
    expect(o).not.toHaveProperty('perDeviceTrainBatchSize');
    expect(o).not.toHaveProperty('objective');
    expect([o.seed, o.adamBeta2, o.resume, o.greaterIsBetter, o.lossMean, o.warmupSteps(50)]).toEqual([7, 0.95, 'auto', true, 'micro-batches', 5]);
    expect(Object.keys(o)).toHaveLength(17 + 3);
  });
});
