/**
 * Small dense linear systems on the host (plain JS, no tensors): the Newton steps of logistic-regression
 * style fits in @girl/reward and @girl/feature-augment solve a few-by-few system per iteration.
 */

/**
 * Solves `A x = b` for a small dense `n × n` row-major `A` by Gaussian elimination with partial pivoting.
 * Inputs are not modified. A zero pivot (a singular direction) gives 0 for that unknown instead of
 * Infinity/NaN, so a Newton step simply does not move along it.
 *
 * @example
 * ```ts
 * solveLinearSystem(Float64Array.from([2, 1, 1, 3]), Float64Array.from([3, 5]), 2); // [0.8, 1.4]
 * ```
 */
export function solveLinearSystem(a: Float64Array, b: Float64Array, n: number): Float64Array {
  if (a.length !== n * n || b.length !== n) throw new RangeError(`solveLinearSystem: expected A of ${n * n} and b of ${n} numbers, got ${a.length} and ${b.length}.`);
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  // 1. forward elimination, swapping in the largest pivot of each column
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c] as number) > Math.abs(m[p * n + c] as number)) p = r;
    if (p !== c) {
      for (let k = 0; k < n; k++) [m[c * n + k], m[p * n + k]] = [m[p * n + k] as number, m[c * n + k] as number];
      [x[c], x[p]] = [x[p] as number, x[c] as number];
    }
    const d = m[c * n + c] as number;
    if (Math.abs(d) < 1e-300) continue;
    for (let r = c + 1; r < n; r++) {
      const f = (m[r * n + c] as number) / d;
      if (f === 0) continue;
      for (let k = c; k < n; k++) m[r * n + k] = (m[r * n + k] as number) - f * (m[c * n + k] as number);
      x[r] = (x[r] as number) - f * (x[c] as number);
    }
  }
  // 2. back substitution
  const out = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r] as number;
    for (let k = r + 1; k < n; k++) s -= (m[r * n + k] as number) * (out[k] as number);
    const d = m[r * n + r] as number;
    out[r] = Math.abs(d) < 1e-300 ? 0 : s / d;
  }
  return out;
}
