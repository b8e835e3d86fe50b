import { describe, expect, it } from 'vitest';
import { DEFAULT_PPO_CONFIG, PpoConfigError, resolvePpoConfig } from './config.js';

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
});
