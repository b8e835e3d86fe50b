import { describe, expect, it } from 'vitest';
import { ConfigError, parseUserConfig, presetDefaults, resolveConfig } from './config.js';
import { upgradeRunConfig } from './config-trainers.js';

describe('config', () => {
  it('fills every field from the preset', () => {
    const c = resolveConfig({ preset: 'tiny' });
    expect(c).toEqual(presetDefaults('tiny'));
    expect(c.model.dModel).toBe(128);
  });

  it('layers: preset < file < flags', () => {
    const c = resolveConfig({ preset: 'micro', sft: { maxSteps: 9 } }, { sft: { learningRate: 0.01 } });
    expect(c.preset).toBe('micro');
    expect(c.sft.maxSteps).toBe(9);
    expect(c.sft.learningRate).toBe(0.01);
    expect(c.sft.perDeviceTrainBatchSize).toBe(presetDefaults('micro').sft.perDeviceTrainBatchSize);
  });

  it('names the bad field, the value, and the fix', () => {
    expect(() => parseUserConfig({ sft: { learningRate: -1 } }, 'my.json')).toThrow(ConfigError);
    // One error lists every bad field: the file, each field with its value, and where the fix is documented.
    const bad = () => parseUserConfig({ sft: { learningRate: -1 }, ppo: { maxSteps: 'many' } }, 'my.json');
    expect(bad).toThrow(ConfigError);
    for (const part of [/my\.json/, /sft\.learningRate/, /\(got -1\)/, /ppo\.maxSteps/, /README/]) expect(bad).toThrow(part);
  });

  it('rejects unknown fields with a spelling hint, and the names before #14 with the new name', () => {
    expect(() => parseUserConfig({ sft: { learnigRate: 1 } }, 'x.json')).toThrow(/sft: unknown field 'learnigRate' \(did you mean 'learningRate'\?\)/);
    expect(() => parseUserConfig({ presett: 'tiny' }, 'x.json')).toThrow(/unknown field 'presett' \(did you mean 'preset'\?\)/);
    const old = () => parseUserConfig({ sft: { lr: 1e-3, batchSize: 4 }, reward: { evalEvery: 5 }, ppo: { gradClip: 1 } }, 'old.json');
    expect(old).toThrow(/sft: unknown fields 'lr' \(renamed 'learningRate'\), 'batchSize' \(renamed 'perDeviceTrainBatchSize'\)/);
    expect(old).toThrow(/reward: unknown field 'evalEvery' \(renamed 'evalSteps'\)/);
    expect(old).toThrow(/ppo: unknown field 'gradClip' \(renamed 'maxGradNorm'\)/);
  });

  it("takes the sft and reward sections' fields and rules from @girl/generator and @girl/reward", () => {
    // any library setting but the run's own is settable; a preset gives only what it changes
    const c = resolveConfig({ preset: 'tiny', sft: { gradientAccumulationSteps: 2, warmupSteps: 10 }, reward: { adamBeta2: 0.99, earlyStoppingPatience: 3 } });
    expect([c.sft.gradientAccumulationSteps, c.sft.warmupSteps, c.reward.adamBeta2, c.reward.earlyStoppingPatience]).toEqual([2, 10, 0.99, 3]);
    expect(presetDefaults('tiny').sft.gradientAccumulationSteps).toBeUndefined();
    // values are checked by the libraries' resolvers, the field named as sft.<field> / reward.<field>
    expect(() => resolveConfig({ sft: { warmupRatio: 2 } })).toThrow(/sft\.warmupRatio must be in \[0, 1\), got 2/);
    expect(() => resolveConfig({ sft: { maxLength: 9999 } })).toThrow(/sft\.maxLength \(9999\) exceeds the model's contextLength/);
    expect(() => resolveConfig({ reward: { metricForBestModel: 'f1' as never } })).toThrow(/reward\.metricForBestModel must be/);
    // the run sets seed, folders and resume itself
    expect(() => parseUserConfig({ sft: { seed: 3 } }, 'x.json')).toThrow(/sft: unknown field 'seed'/);
    expect(() => parseUserConfig({ reward: { resume: true } }, 'x.json')).toThrow(/reward: unknown field 'resume'/);
  });

  it('reads a run folder\'s config.json written before #14 in today\'s names', () => {
    const saved = {
      ...presetDefaults('micro'),
      sft: { maxSteps: 6, batchSize: 4, lr: 2e-3, evalEvery: 3, budgetSeconds: null, gradClip: 0.5 },
      reward: { ...presetDefaults('micro').reward, batchSize: 4, evalEvery: 2, perDeviceTrainBatchSize: undefined, evalSteps: undefined },
      ppo: { ...presetDefaults('micro').ppo, gradClip: 0.25, maxSteps: undefined, saveSteps: undefined, steps: 3, checkpointEvery: 1 },
    };
    const up = upgradeRunConfig(saved);
    expect(up.sft).toEqual({ maxSteps: 6, perDeviceTrainBatchSize: 4, learningRate: 2e-3, evalSteps: 3, budgetSeconds: null, maxGradNorm: 0.5 });
    expect([up.reward.perDeviceTrainBatchSize, up.reward.evalSteps]).toEqual([4, 2]);
    expect(up.ppo.maxGradNorm).toBe(0.25); // the old alias overrode maxGradNorm
    expect('gradClip' in up.ppo).toBe(false);
    expect([up.ppo.maxSteps, up.ppo.saveSteps, 'steps' in up.ppo, 'checkpointEvery' in up.ppo]).toEqual([3, 1, false, false]);
    expect(saved.sft).toHaveProperty('lr'); // the input is left as it was
    // the upgraded config is a valid one, and settings a resume may change still apply
    expect(resolveConfig(up as never).sft.learningRate).toBe(2e-3);
    expect(upgradeRunConfig(presetDefaults('tiny'))).toEqual(presetDefaults('tiny'));
  });

  it('checks relations between fields', () => {
    expect(() => resolveConfig({ model: { dModel: 30, nHead: 4 } })).toThrow(/nHead \(4\) must divide model.dModel \(30\)/);
    expect(() => resolveConfig({ ppo: { batchSize: 6, miniBatchSize: 4 } })).toThrow(/miniBatchSize/);
    expect(() => resolveConfig({ ppo: { maxNewTokens: 250 } })).toThrow(/contextLength/);
  });

  it("takes the ppo section's fields and rules from @girl/ppo", () => {
    // every @girl/ppo setting but the run's own is settable, with the preset's value as default
    const c = resolveConfig({ preset: 'tiny', ppo: { advantage: 'rloo', samplesPerPrompt: 4, klEstimator: 'k3' } });
    expect([c.ppo.advantage, c.ppo.samplesPerPrompt, c.ppo.klEstimator, c.ppo.lam]).toEqual(['rloo', 4, 'k3', 1]);
    // values are checked by resolvePpoConfig, the field named as ppo.<field>
    expect(() => resolveConfig({ ppo: { advantage: 'rloo' } })).toThrow(/ppo\.samplesPerPrompt must be at least 2 with advantage 'rloo'/);
    expect(() => resolveConfig({ ppo: { klEstimator: 'k2' as never } })).toThrow(/ppo\.klEstimator must be 'k1' or 'k3', got "k2"/);
    expect(() => resolveConfig({ ppo: { clipRange: -1 } })).toThrow(/ppo\.clipRange must be a number in \(0, 10\]/);
    expect(() => resolveConfig({ ppo: { maxSteps: null } as never })).toThrow(/ppo\.maxSteps must be a positive integer/);
    // the run sets seed and folders itself: not fields of the section
    expect(() => parseUserConfig({ ppo: { checkpointDir: '/tmp/x' } }, 'x.json')).toThrow(/ppo: unknown field 'checkpointDir'/);
    expect(() => parseUserConfig({ ppo: { learningrate: 1e-4 } }, 'x.json')).toThrow(/ppo: unknown field 'learningrate' \(did you mean 'learningRate'\?\)/);
  });
});
