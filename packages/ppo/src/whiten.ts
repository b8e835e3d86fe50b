/**
 * Masked statistics and whitening on host arrays (the same definitions as @girl/tensor's `maskedMean`,
 * `maskedVar` and `maskedWhiten`, and TRL's `masked_whiten`: the variance is unbiased, ε = 1e-8).
 */

/**
 * Mean over the positions where `mask` is 1 (all positions when `mask` is null). 0 when nothing is masked in.
 *
 * @example
 * ```ts
 * maskedMeanHost([1, 2, 3], [1, 1, 0]); // 1.5
 * ```
 */
export function maskedMeanHost(x: ArrayLike<number>, mask: ArrayLike<number> | null = null): number {
  checkSameLength(x, mask, 'maskedMeanHost');
  let sum = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    if (mask && !((mask[i] as number) > 0)) continue;
    sum += x[i] as number;
    n++;
  }
  return n === 0 ? 0 : sum / n;
}

/**
 * Variance over the masked positions; unbiased (`n − 1`) by default, as TRL's `masked_var`.
 *
 * @example
 * ```ts
 * maskedVarHost([1, 3, 100], [1, 1, 0]); // 2
 * ```
 */
export function maskedVarHost(x: ArrayLike<number>, mask: ArrayLike<number> | null = null, unbiased = true): number {
  const mean = maskedMeanHost(x, mask);
  let sq = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    if (mask && !((mask[i] as number) > 0)) continue;
    const d = (x[i] as number) - mean;
    sq += d * d;
    n++;
  }
  if (n === 0) return 0;
  return unbiased ? (n > 1 ? sq / (n - 1) : 0) : sq / n;
}

/**
 * Whitens over the masked positions: `(x − mean) / √(var + 1e-8)`; with `shiftMean = false` the mean is
 * added back (PPO whitens rewards without shifting them, advantages with). Positions outside the mask
 * are set to 0.
 *
 * @example
 * ```ts
 * whiten([1, 3, 9], [1, 1, 0]); // [-0.7071, 0.7071, 0]  (mean 2, unbiased var 2)
 * ```
 */
export function whiten(x: ArrayLike<number>, mask: ArrayLike<number> | null = null, shiftMean = true): Float32Array {
  const mean = maskedMeanHost(x, mask);
  const scale = 1 / Math.sqrt(maskedVarHost(x, mask) + 1e-8);
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    if (mask && !((mask[i] as number) > 0)) continue;
    const w = ((x[i] as number) - mean) * scale;
    out[i] = shiftMean ? w : w + mean;
  }
  return out;
}

/**
 * Divides by the masked standard deviation without centring: every value keeps its sign. For advantages
 * whose zero already means "as good as the baseline" (ReMax's greedy baseline), where whitening's shift
 * would hand samples slightly worse than the baseline a positive advantage. Positions outside the mask
 * are set to 0.
 *
 * @example
 * ```ts
 * scaleByStd([-1, 3, 9], [1, 1, 0]); // [-0.3536, 1.0607, 0]  (unbiased std √8)
 * ```
 */
export function scaleByStd(x: ArrayLike<number>, mask: ArrayLike<number> | null = null): Float32Array {
  const scale = 1 / Math.sqrt(maskedVarHost(x, mask) + 1e-8);
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) if (!mask || (mask[i] as number) > 0) out[i] = (x[i] as number) * scale;
  return out;
}

/**
 * Multiplies the negative entries by `scale` (in [0, 1]) and leaves the others: `scale = 0` learns only
 * from responses better than their baseline, `1` is unchanged.
 *
 * @example
 * ```ts
 * scaleNegatives(Float32Array.of(-2, 1, 0), 0.25); // [-0.5, 1, 0]
 * ```
 */
export function scaleNegatives(x: Float32Array, scale: number): Float32Array {
  if (scale === 1) return x;
  return x.map((v) => (v < 0 ? v * scale : v));
}

function checkSameLength(x: ArrayLike<number>, mask: ArrayLike<number> | null, fn: string): void {
  if (mask && mask.length !== x.length) throw new RangeError(`${fn}: mask has ${mask.length} entries, values have ${x.length}.`);
}
