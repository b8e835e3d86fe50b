import { describe, expect, it } from 'vitest';
import { baselineAdvantages, rlooAdvantages } from './rloo.js';

describe('rlooAdvantages', () => {
  it('subtracts the mean return of the other responses to the same prompt (hand-computed)', () => {
    // B = 6 rows (2 prompts × 3 responses), R = 3 tokens; row 1 ends after 1 token (mask 0 after)
    const rewards = Float32Array.from([0, 0, 3, /**/ 1, 9, 9, /**/ 0, -1, 1, /**/ 0, 0, 5, /**/ 0, 0, 2, /**/ 0, 0, 2]);
    const mask = Float32Array.from([1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    const a = Array.from(rlooAdvantages(rewards, mask, 6, 3, 3));
    // returns: 3, 1, 0 | 5, 2, 2 → baselines (others' mean): 0.5, 1.5, 2 | 2, 3.5, 3.5
    expect(a.slice(0, 3)).toEqual([2.5, 2.5, 2.5]);
    expect(a.slice(3, 6)).toEqual([-0.5, 0, 0]); // padding stays 0
    expect(a.slice(6, 9)).toEqual([-2, -2, -2]);
    expect(a.slice(9, 12)).toEqual([3, 3, 3]);
    expect(a.slice(12, 18)).toEqual([-1.5, -1.5, -1.5, -1.5, -1.5, -1.5]);
  });

  it('a prompt whose responses all score the same teaches nothing; bad arguments are refused', () => {
    const a = rlooAdvantages(Float32Array.from([4, 4, 4, 4]), Float32Array.from([1, 1, 1, 1]), 4, 1, 2);
    expect(Array.from(a)).toEqual([0, 0, 0, 0]);
    expect(() => rlooAdvantages(new Float32Array(4), new Float32Array(4), 4, 1, 1)).toThrow(/integer >= 2/);
    expect(() => rlooAdvantages(new Float32Array(6), new Float32Array(6), 6, 1, 4)).toThrow(/must divide the batch/);
  });
});

describe('baselineAdvantages', () => {
  it("subtracts each prompt's baseline from its rows' summed rewards, over real tokens only (hand-computed)", () => {
    // B = 4 rows of R = 2, k = 2: rows 0–1 answer prompt 0 (baseline 1), rows 2–3 prompt 1 (baseline −1)
    const rewards = Float32Array.of(0.5, 1, 2, 0, 0, -3, 1, 9);
    const mask = Float32Array.of(1, 1, 1, 0, 1, 1, 1, 0);
    const adv = baselineAdvantages(rewards, mask, 4, 2, [1, -1], 2);
    expect([...adv]).toEqual([0.5, 0.5, 1, 0, -2, -2, 2, 0]);
  });

  it('needs one baseline per prompt', () => {
    expect(() => baselineAdvantages(new Float32Array(8), new Float32Array(8), 4, 2, [1], 2)).toThrow(/one baseline per 2 rows \(2\), got 1/);
  });
});
