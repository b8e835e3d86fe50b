import { describe, expect, it } from 'vitest';
import { maskedMeanHost, maskedVarHost, whiten } from './whiten.js';

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

  it('rejects a mask of the wrong length', () => {
    expect(() => maskedMeanHost([1, 2], [1])).toThrow(/mask/);
  });
});
