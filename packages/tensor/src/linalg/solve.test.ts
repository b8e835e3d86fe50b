import { describe, expect, it } from 'vitest';
import { solveLinearSystem } from './solve.js';

describe('solveLinearSystem', () => {
  it('solves a hand-computed 2 × 2 system and one that needs a row swap', () => {
    expect(Array.from(solveLinearSystem(Float64Array.from([2, 1, 1, 3]), Float64Array.from([3, 5]), 2)).map((v) => +v.toFixed(12))).toEqual([0.8, 1.4]);
    expect(Array.from(solveLinearSystem(Float64Array.from([0, 1, 1, 0]), Float64Array.from([2, 3]), 2))).toEqual([3, 2]);
  });

  it('A x reproduces b on a random well-conditioned 6 × 6 system; inputs are untouched', () => {
    const n = 6;
    const a = Float64Array.from({ length: n * n }, (_, i) => Math.sin(i * 1.7) + (i % (n + 1) === 0 ? n : 0));
    const b = Float64Array.from({ length: n }, (_, i) => Math.cos(i));
    const a0 = Float64Array.from(a);
    const x = solveLinearSystem(a, b, n);
    for (let r = 0; r < n; r++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += (a[r * n + k] as number) * (x[k] as number);
      expect(s).toBeCloseTo(b[r] as number, 10);
    }
    expect(a).toEqual(a0);
  });

  it('a singular direction gives 0, not NaN; wrong sizes are refused', () => {
    const x = solveLinearSystem(Float64Array.from([1, 0, 0, 0]), Float64Array.from([2, 0]), 2);
    expect(Array.from(x)).toEqual([2, 0]);
    expect(() => solveLinearSystem(Float64Array.from([1]), Float64Array.from([1, 2]), 2)).toThrow(/expected A of 4 and b of 2/);
  });
});
