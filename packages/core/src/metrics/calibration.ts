/** Calibration: expected calibration error over equal-width probability bins. */

/**
 * Expected calibration error of binary probabilities: the probabilities are put into `bins`
 * equal-width bins over [0, 1] (bin k holds p in [k/bins, (k+1)/bins), the last bin also holds 1), and
 *
 *     ECE = Σ_k (n_k / N) · | mean(p in bin k) − mean(label in bin k) |
 *
 * i.e. the gap between the predicted probability of a match and the observed rate of matches, weighted
 * by how many rows fall in each bin (reliability-diagram form for the positive class; empty bins count
 * zero). 0 is perfectly calibrated.
 *
 * @param probabilities predicted P(label = 1), in [0, 1]
 * @param bins number of bins, default `10`
 * @example
 * ```ts
 * // bin [0.2, 0.3): p̄ = 0.2, ȳ = 0 → 0.2; bin [0.8, 0.9): p̄ = 0.8, ȳ = 0.5 → 0.3
 * expectedCalibrationError([0.2, 0.8, 0.8], [0, 1, 0]); // (1·0.2 + 2·0.3) / 3 ≈ 0.2667
 * ```
 */
export function expectedCalibrationError(probabilities: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): number {
  if (probabilities.length !== labels.length) {
    throw new RangeError(`expectedCalibrationError: ${probabilities.length} probabilities but ${labels.length} labels; pass one label per probability.`);
  }
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`expectedCalibrationError: bins must be a positive integer, got ${bins}.`);
  const n = probabilities.length;
  if (n === 0) return NaN;
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const p = probabilities[i] as number;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`expectedCalibrationError: probabilities[${i}] = ${p} is not in [0, 1]; pass sigmoid(logit), not raw logits.`);
    const k = Math.min(bins - 1, Math.floor(p * bins));
    count[k] = (count[k] as number) + 1;
    sumP[k] = (sumP[k] as number) + p;
    sumY[k] = (sumY[k] as number) + ((labels[i] as number) > 0.5 ? 1 : 0);
  }
  let ece = 0;
  for (let k = 0; k < bins; k++) {
    const c = count[k] as number;
    if (c > 0) ece += (c / n) * Math.abs((sumP[k] as number) / c - (sumY[k] as number) / c);
  }
  return ece;
}
