import { describe, expect, it } from 'vitest';
import { ConfigError, parseUserConfig, presetDefaults, resolveConfig } from './config.js';

describe('config', () => {
  it('fills every field from the preset', () => {
    const c = resolveConfig({ preset: 'tiny' });
    expect(c).toEqual(presetDefaults('tiny'));
    expect(c.model.dModel).toBe(128);
  });

  it('layers: preset < file < flags', () => {
    const c = resolveConfig({ preset: 'micro', sft: { maxSteps: 9 } }, { sft: { lr: 0.01 } });
    expect(c.preset).toBe('micro');
    expect(c.sft.maxSteps).toBe(9);
    expect(c.sft.lr).toBe(0.01);
    expect(c.sft.batchSize).toBe(presetDefaults('micro').sft.batchSize);
  });

  it('names the bad field, the value, and the fix', () => {
    expect(() => parseUserConfig({ sft: { lr: -1 } }, 'my.json')).toThrow(ConfigError);
    // One error lists every bad field: the file, each field with its value, and where the fix is documented.
    const bad = () => parseUserConfig({ sft: { lr: -1 }, ppo: { steps: 'many' } }, 'my.json');
    expect(bad).toThrow(ConfigError);
    for (const part of [/my\.json/, /sft\.lr/, /\(got -1\)/, /ppo\.steps/, /README/]) expect(bad).toThrow(part);
  });

  it('rejects unknown fields with a spelling hint', () => {
    expect(() => parseUserConfig({ sft: { learningRate: 1 } }, 'x.json')).toThrow(/sft: unknown field learningRate/);
    expect(() => parseUserConfig({ presett: 'tiny' }, 'x.json')).toThrow(/unknown field presett/);
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
    expect(() => resolveConfig({ ppo: { steps: null } as never })).toThrow(/ppo\.steps must be a positive integer/);
    // the run sets seed and folders itself: not fields of the section
    expect(() => parseUserConfig({ ppo: { checkpointDir: '/tmp/x' } }, 'x.json')).toThrow(/ppo: unknown field checkpointDir/);
    expect(() => parseUserConfig({ ppo: { learningrate: 1e-4 } }, 'x.json')).toThrow(/ppo: unknown field learningrate/);
  });
});
