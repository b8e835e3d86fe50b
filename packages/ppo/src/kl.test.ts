import { describe, expect, it } from 'vitest';
import { klK1, klK3, klPerToken } from './kl.js';

describe('KL estimators', () => {
  it('k1 and k3 by hand', () => {
    const [half, quarter] = [Math.log(0.5), Math.log(0.25)];
    expect(klK1(half, quarter)).toBeCloseTo(Math.log(2), 12);
    expect(klK3(half, quarter)).toBeCloseTo(-0.5 + Math.log(2), 12); // r = 0.5
    // a token the reference likes more: k1 is negative, k3 is not
    expect(klK1(quarter, half)).toBeCloseTo(-Math.log(2), 12);
    expect(klK3(quarter, half)).toBeCloseTo(1 - Math.log(2), 12); // r = 2
  });

  it('both are exactly 0 for equal log-probs', () => {
    expect(klK1(-3.2, -3.2)).toBe(0);
    expect(klK3(-3.2, -3.2)).toBe(0);
  });

  it('k3 is never negative', () => {
    for (let i = 0; i < 200; i++) expect(klK3(-Math.random() * 10, -Math.random() * 10)).toBeGreaterThanOrEqual(0);
  });

  it('both average to the true KL when tokens are drawn from the policy', () => {
    // π = [0.7, 0.3], π_ref = [0.4, 0.6]: KL = 0.7 ln(7/4) + 0.3 ln(3/6)
    const p = [0.7, 0.3];
    const q = [0.4, 0.6];
    const exact = 0.7 * Math.log(0.7 / 0.4) + 0.3 * Math.log(0.3 / 0.6);
    const e1 = p.reduce((s, pi, i) => s + pi * klK1(Math.log(pi), Math.log(q[i]!)), 0);
    const e3 = p.reduce((s, pi, i) => s + pi * klK3(Math.log(pi), Math.log(q[i]!)), 0);
    expect(e1).toBeCloseTo(exact, 12);
    expect(e3).toBeCloseTo(exact, 12);
  });

  it('klPerToken masks and validates', () => {
    const k = klPerToken([-1, -2, -3], [-2, -2, -1], [1, 1, 0], 'k1');
    expect(Array.from(k)).toEqual([1, 0, 0]);
    expect(() => klPerToken([-1], [-1], null, 'k2' as never)).toThrow(/k1/);
  });
});
