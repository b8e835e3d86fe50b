import { describe, expect, it } from 'vitest';
import * as api from './index.js';
import * as internal from './internal.js';

describe('public surface', () => {
  it('the main entry holds the trainer API and the documented building blocks', () => {
    for (const name of ['PpoTrainer', 'resolvePpoConfig', 'DEFAULT_PPO_CONFIG', 'resumePpo', 'savePpoCheckpoint', 'ValueHead', 'ppoLoss', 'gae', 'whiten', 'rlooAdvantages', 'klK1', 'RunningMoments', 'buildSequences', 'responseLogprobs']) {
      expect(api, name).toHaveProperty(name);
    }
  });

  it('implementation helpers are only in @girl/ppo/internal, and no name is in both', () => {
    const pub = new Set(Object.keys(api));
    for (const name of Object.keys(internal)) expect(pub.has(name), `${name} is internal`).toBe(false);
    expect(Object.keys(internal).sort()).toEqual(['forwardResponse', 'greedyBaseline', 'lastRealIndex', 'maskedMeanHost', 'maskedVarHost', 'openMetricsFile', 'rowTensors', 'scaleByStd', 'scaleNegatives']);
  });
});
