import { describe, expect, it } from 'vitest';
import { emptyUpdateStats, stepMetrics } from './step-metrics.js';

describe('stepMetrics', () => {
  it('averages per response and per update as TRL does (hand-computed)', () => {
    // B = 2 responses, R = 3; row 1 has 2 real tokens
    const stats = { ...emptyUpdateStats(), kl: 0.02, clip: 0.5, pg: -0.4, n: 2 };
    const m = stepMetrics({
      step: 3,
      B: 2,
      R: 3,
      mask: [1, 1, 1, 1, 1, 0],
      logprobs: Float32Array.from([-1, -1, -2, -0.5, -0.5, 0]),
      kl: Float32Array.from([0.1, 0.1, 0.2, 0.3, 0.1, 0]),
      nonScoreReward: Float32Array.from([-0.005, -0.005, -0.01, -0.015, -0.005, 0]),
      scores: [1, 0],
      rawScores: [3, 1],
      klCoef: 0.05,
      stats,
      earlyStopped: false,
      lr: 1e-4,
      tokens: [[5, 6, 2], [7, 2]],
      finished: [true, true],
      seconds: 2,
      rolloutSeconds: 1,
    });
    expect(m.episode).toBe(6);
    expect(m['objective/kl']).toBeCloseTo(0.4); // (0.4 + 0.4) / 2
    expect(m['objective/entropy']).toBeCloseTo(2.5); // (4 + 1) / 2
    expect(m['objective/scores']).toBe(0.5);
    expect(m['objective/raw_scores']).toBe(2);
    expect(m['objective/rlhf_reward']).toBeCloseTo(0.5 - 0.02);
    expect(m['policy/approxkl_avg']).toBeCloseTo(0.01);
    expect(m['loss/policy_avg']).toBeCloseTo(-0.2);
    expect(m['val/response_length']).toBe(2.5);
    expect(m['time/tokens_per_s']).toBe(2.5);
    expect(m['time/rollout_tokens_per_s']).toBe(5);
  });

  it('reports zeros, not NaN, when no update ran (targetKl stopped the first minibatch)', () => {
    const m = stepMetrics({
      step: 1, B: 1, R: 1, mask: [1], logprobs: Float32Array.of(-1), kl: Float32Array.of(0), nonScoreReward: Float32Array.of(0),
      scores: [0], rawScores: [0], klCoef: 0.05, stats: emptyUpdateStats(), earlyStopped: true, lr: 1e-4, tokens: [[2]], finished: [true], seconds: 1, rolloutSeconds: 1,
    });
    expect(m['policy/approxkl_avg']).toBe(0);
    expect(m['ppo/early_stopped']).toBe(true);
  });
});
