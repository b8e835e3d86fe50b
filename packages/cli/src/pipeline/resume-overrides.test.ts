import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../config.js';
import { ResumeOverrideError, applyResumeOverrides, leafPaths } from './resume-overrides.js';

const run = resolveConfig({ preset: 'micro' });

describe('applyResumeOverrides', () => {
  it('applies safe fields and lists what changed', () => {
    const { config, changed } = applyResumeOverrides(run, { sft: { lr: 1e-4, gradClip: 0.5, maxSteps: 12 }, ppo: { budgetSeconds: 60 } });
    expect(config.sft.lr).toBe(1e-4);
    expect(config.sft.gradClip).toBe(0.5);
    expect(config.sft.maxSteps).toBe(12);
    expect(config.ppo.budgetSeconds).toBe(60);
    expect(config.sft.batchSize).toBe(run.sft.batchSize);
    expect(changed).toContain(`sft.lr: ${run.sft.lr} → 0.0001`);
  });

  it('accepts fields equal to the run config, and refuses the rest by name', () => {
    expect(applyResumeOverrides(run, { seed: run.seed, model: { dModel: run.model.dModel } }).changed).toEqual([]);
    expect(() => applyResumeOverrides(run, { model: { dModel: 64 }, sft: { batchSize: 2, lr: 1e-4 } })).toThrow(ResumeOverrideError);
    expect(() => applyResumeOverrides(run, { model: { dModel: 64 }, sft: { batchSize: 2 } })).toThrow(/--resume cannot change model\.dModel \(run: 32, asked: 64\), sft\.batchSize/);
  });

  it('leafPaths lists dotted leaves', () => {
    expect(leafPaths({ a: 1, b: { c: 2, d: undefined }, e: null })).toEqual(['a', 'b.c', 'e']);
  });
});
