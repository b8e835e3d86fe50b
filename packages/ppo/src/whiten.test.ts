import { describe, expect, it } from 'vitest';
import { maskedMeanHost, maskedVarHost, scaleByStd, scaleNegatives, whiten } from './whiten.js';

describe('whitening', () => {
  it('masked mean and unbiased variance by hand', () => {
    expect(maskedMeanHost([1, 2, 3], [1, 1, 0])).toBe(1.5);
    expect(maskedVarHost([1, 3, 100], [1, 1, 0])).toBe(2);
    expect(maskedVarHost([1, 3, 100], [1, 1, 0], false)).toBe(1);
    expect(maskedMeanHost([1, 2], [0, 0])).toBe(0);
  });

  it('whitens with and without shifting the mean', () => {
    // mean 2, unbiased var 2 → (x − 2)/√2
    const w = whiten([1, 3, 9], [1, 1, 0]);
    expect(w[0]).toBeCloseTo(-Math.SQRT1_2, 5);
    expect(w[1]).toBeCloseTo(Math.SQRT1_2, 5);
    expect(w[2]).toBe(0);
    const s = whiten([1, 3, 9], [1, 1, 0], false);
    expect(s[0]).toBeCloseTo(2 - Math.SQRT1_2, 5);
    expect(s[1]).toBeCloseTo(2 + Math.SQRT1_2, 5);
  });

  it('no mask: mean 2.5, var 5/3', () => {
    const w = whiten([1, 2, 3, 4]);
    const sd = Math.sqrt(5 / 3);
    [-1.5, -0.5, 0.5, 1.5].forEach((d, i) => expect(w[i]).toBeCloseTo(d / sd, 5));
  });

  it('scaleByStd divides by the masked std and keeps every sign (a value just below 0 stays below 0)', () => {
    // masked values −0.1, −0.5, 0.3: mean −0.1, unbiased var ((0)² + 0.4² + 0.4²)/2 = 0.16 → std 0.4
    const s = scaleByStd([-0.1, -0.5, 0.3, 7], [1, 1, 1, 0]);
    expect(s[0]).toBeCloseTo(-0.25, 5);
    expect(s[1]).toBeCloseTo(-1.25, 5);
    expect(s[2]).toBeCloseTo(0.75, 5);
    expect(s[3]).toBe(0);
    // whitening without the shift hands a value between the mean and 0 a positive advantage:
    // mean −0.07, std ≈ 0.207 → (−0.01 + 0.07)/0.207 − 0.07 ≈ +0.22
    expect(whiten([-0.01, -0.3, 0.1], null, false)[0]).toBeGreaterThan(0);
    expect(scaleByStd([-0.01, -0.3, 0.1])[0]).toBeLessThan(0);
  });

  it('scaleNegatives scales only the negative entries', () => {
    expect(Array.from(scaleNegatives(Float32Array.of(-2, 1, 0, -0.5), 0.25))).toEqual([-0.5, 1, 0, -0.125]);
    expect(Array.from(scaleNegatives(Float32Array.of(-2, 1), 0))).toEqual([-0, 1]);
    const x = Float32Array.of(-1, 2);
    expect(scaleNegatives(x, 1)).toBe(x);
  });

  it('rejects a mask of the wrong length', () => {
    expect(() => maskedMeanHost([1, 2], [1])).toThrow(/mask/);
  });
});
