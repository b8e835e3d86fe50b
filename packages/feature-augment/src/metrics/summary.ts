/** Mean and spread over seeds. */

/** Mean, sample standard deviation (n − 1; 0 for one value), min, max and n of a list of numbers (NaNs ignored). */
export interface Spread {
  mean: number;
  std: number;
  min: number;
  max: number;
  n: number;
}

/**
 * Mean ± sample standard deviation of values (NaNs left out).
 *
 * @example
 * ```ts
 * meanStd([1, 2, 3]); // { mean: 2, std: 1, min: 1, max: 3, n: 3 }
 * ```
 */
export function meanStd(values: readonly number[]): Spread {
  const v = values.filter((x) => !Number.isNaN(x));
  const n = v.length;
  if (n === 0) return { mean: NaN, std: NaN, min: NaN, max: NaN, n: 0 };
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const std = n < 2 ? 0 : Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  return { mean, std, min: Math.min(...v), max: Math.max(...v), n };
}
