import { describe, expect, it } from 'vitest';
import { RunningMoments } from './running-moments.js';

describe('RunningMoments', () => {
  it('merges batches exactly (hand-computed)', () => {
    const m = new RunningMoments();
    const first = m.update([1, 2, 3]);
    expect(first.mean).toBe(2);
    expect(first.std).toBeCloseTo(1, 12);
    expect(m.mean).toBeCloseTo(2, 12);
    expect(m.std).toBeCloseTo(1, 12);
    m.update([5]);
    // all of 1, 2, 3, 5: mean 2.75, Σ(x − mean)² = 8.75
    expect(m.mean).toBeCloseTo(2.75, 12);
    expect(m.var).toBeCloseTo(8.75 / 4, 12);
    expect(m.std).toBeCloseTo(Math.sqrt(8.75 / 3), 12);
  });

  it('state round-trips and is validated', () => {
    const m = new RunningMoments();
    m.update([4, 8]);
    const n = new RunningMoments();
    n.setState(m.getState());
    expect(n.getState()).toEqual(m.getState());
    expect(() => n.setState({ mean: Number.NaN, std: 1, var: 1, count: 1 })).toThrow(/mean/);
  });
});
