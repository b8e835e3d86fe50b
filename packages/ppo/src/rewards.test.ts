import { describe, expect, it } from 'vitest';
import { assembleRewards, assertFiniteScores, processScores } from './rewards.js';
import { RunningMoments } from './running-moments.js';

const off = { missingEosPenalty: null, scoreScaling: false, scoreNorm: false, rewardClip: null };

describe('score pipeline', () => {
  it('penalises responses without EOS, then clips', () => {
    expect(processScores([1, 2], [true, false], { ...off, missingEosPenalty: 1 })).toEqual([1, 1]);
    expect(processScores([1, -3], [true, true], { ...off, rewardClip: 0.5 })).toEqual([0.5, -0.5]);
  });

  it('scales by the running std, shifting with scoreNorm', () => {
    // scores 0, 2 → running mean 1, unbiased std √2
    const s = processScores([0, 2], [true, true], { ...off, scoreScaling: true }, new RunningMoments());
    expect(s[0]).toBeCloseTo(0, 6);
    expect(s[1]).toBeCloseTo(2 / Math.SQRT2, 6);
    const n = processScores([0, 2], [true, true], { ...off, scoreScaling: true, scoreNorm: true }, new RunningMoments());
    expect(n[0]).toBeCloseTo(-Math.SQRT1_2, 6);
    expect(n[1]).toBeCloseTo(Math.SQRT1_2, 6);
  });
});

describe('assembleRewards', () => {
  it('puts −β·kl on every real token and the score on the last one', () => {
    const out = assembleRewards({
      scores: [1, 3],
      logprobs: [-1, -1, -1, -2, -2, -2],
      refLogprobs: [-1.5, -1, -3, -2, -1, 0],
      mask: [1, 1, 0, 1, 1, 1],
      B: 2,
      R: 3,
      klCoef: 0.1,
      estimator: 'k1',
    });
    // row 0: kl [0.5, 0, (masked)] → [−0.05, 0 + 1, 0]; row 1: kl [0, −1, −2] → [0, 0.1, 0.2 + 3]
    [-0.05, 1, 0, 0, 0.1, 3.2].forEach((w, i) => expect(out.rewards[i]).toBeCloseTo(w, 6));
    [0.5, 0, 0, 0, -1, -2].forEach((w, i) => expect(out.kl[i]).toBeCloseTo(w, 6));
    [-0.05, 0, 0, 0, 0.1, 0.2].forEach((w, i) => expect(out.nonScoreReward[i]).toBeCloseTo(w, 6));
  });

  it('rejects an empty response', () => {
    expect(() => assembleRewards({ scores: [1], logprobs: [0], refLogprobs: [0], mask: [0], B: 1, R: 1, klCoef: 0.1, estimator: 'k3' })).toThrow(/no real response token/);
  });
});

describe('assertFiniteScores', () => {
  it('passes finite numbers and names the first sample that is not one', () => {
    expect(() => assertFiniteScores([0, -2.5, 1e9], (i) => `sample ${i}`)).not.toThrow();
    expect(() => assertFiniteScores([0.3, NaN], (i) => `the greedy JD of CV ${i}`)).toThrow(/returned NaN for the greedy JD of CV 1; it must return a finite number/);
    expect(() => assertFiniteScores([Infinity], (i) => `sample ${i} of step 4`)).toThrow(/returned Infinity for sample 0 of step 4/);
    expect(() => assertFiniteScores(['0.5'], (i) => `sample ${i}`)).toThrow(/returned 0\.5 for sample 0/);
  });
});
