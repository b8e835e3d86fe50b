import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../config.js';
import { ResumeOverrideError, applyResumeOverrides, leafPaths } from './resume-overrides.js';

const run = resolveConfig({ preset: 'micro' });

describe('applyResumeOverrides', () => {
  it('applies safe fields and lists what changed', () => {
    const { config, changed } = applyResumeOverrides(run, { sft: { learningRate: 1e-4, maxGradNorm: 0.5, maxSteps: 12 }, ppo: { budgetSeconds: 60, maxGradNorm: 0.25 } });
    expect(config.sft.learningRate).toBe(1e-4);
    expect(config.sft.maxGradNorm).toBe(0.5);
    expect(config.sft.maxSteps).toBe(12);
    expect(config.ppo.budgetSeconds).toBe(60);
    expect(config.ppo.maxGradNorm).toBe(0.25);
    expect(config.sft.perDeviceTrainBatchSize).toBe(run.sft.perDeviceTrainBatchSize);
    expect(changed).toContain(`sft.learningRate: ${run.sft.learningRate} → 0.0001`);
    expect(changed).toContain('sft.maxGradNorm: undefined → 0.5');
  });

  it('accepts fields equal to the run config, and refuses the rest by name', () => {
    expect(applyResumeOverrides(run, { seed: run.seed, model: { dModel: run.model.dModel } }).changed).toEqual([]);
    expect(() => applyResumeOverrides(run, { model: { dModel: 64 }, sft: { perDeviceTrainBatchSize: 2, learningRate: 1e-4 } })).toThrow(ResumeOverrideError);
    expect(() => applyResumeOverrides(run, { model: { dModel: 64 }, sft: { perDeviceTrainBatchSize: 2 } })).toThrow(/--resume cannot change model\.dModel \(run: 32, asked: 64\), sft\.perDeviceTrainBatchSize/);
  });

  it('leafPaths lists dotted leaves', () => {
    expect(leafPaths({ a: 1, b: { c: 2, d: undefined }, e: null })).toEqual(['a', 'b.c', 'e']);
  });
});
