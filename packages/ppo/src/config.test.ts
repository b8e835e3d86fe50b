import { describe, expect, it } from 'vitest';
import { DEFAULT_PPO_CONFIG, PpoConfigError, resolvePpoConfig, upgradePpoConfig } from './config.js';

describe('resolvePpoConfig', () => {
  it('fills the defaults and keeps what is given', () => {
    const c = resolvePpoConfig({ negativeAdvantageScale: 0.25, learningRate: 1e-4 });
    expect(c.negativeAdvantageScale).toBe(0.25);
    expect(c.learningRate).toBe(1e-4);
    expect(c.ppoEpochs).toBe(DEFAULT_PPO_CONFIG.ppoEpochs);
    expect(resolvePpoConfig().negativeAdvantageScale).toBe(1);
  });

  it('rejects a negativeAdvantageScale outside [0, 1], naming the field', () => {
    expect(() => resolvePpoConfig({ negativeAdvantageScale: 1.5 })).toThrow(PpoConfigError);
    expect(() => resolvePpoConfig({ negativeAdvantageScale: -0.1 })).toThrow(/negativeAdvantageScale must be a number in \[0, 1\]/);
  });

  it('rejects an unknown field', () => {
    expect(() => resolvePpoConfig({ negativeAdvantageWeight: 0 } as never)).toThrow(/negativeAdvantageWeight/);
  });

  it('refuses the names from before #14 with their new ones, and upgrades a saved config', () => {
    expect(() => resolvePpoConfig({ steps: 3 } as never)).toThrow(/unknown field 'steps' \(renamed 'maxSteps'\)/);
    expect(() => resolvePpoConfig({ checkpointEvery: 2 } as never)).toThrow(/'checkpointEvery' \(renamed 'saveSteps'\)/);
    const saved = { steps: 24, checkpointEvery: 6, learningRate: 3e-5 };
    expect(upgradePpoConfig(saved)).toEqual({ maxSteps: 24, saveSteps: 6, learningRate: 3e-5 });
    expect(saved).toEqual({ steps: 24, checkpointEvery: 6, learningRate: 3e-5 }); // the input is not changed
    expect(resolvePpoConfig(upgradePpoConfig(saved)).maxSteps).toBe(24);
  });
});
