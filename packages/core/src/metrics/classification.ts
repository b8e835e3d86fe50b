/**
 * Binary classification metrics over scores: AUC (ties handled), accuracy at a threshold, log-loss.
 * Pure functions over plain arrays; no tensors.
 */

function checkLengths(fn: string, a: ArrayLike<unknown>, b: ArrayLike<unknown>): void {
  if (a.length !== b.length) throw new RangeError(`${fn}: scores has ${a.length} entries but labels has ${b.length}; pass one label per score.`);
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random negative,
 * ties counting one half (the Mann–Whitney U statistic with average ranks). Only the order of the
 * scores matters, so raw logits and probabilities give the same AUC.
 *
 * @param scores higher = more likely positive
 * @param labels 1 (positive) or 0 (negative); anything > 0.5 counts as positive
 * @returns AUC in [0, 1], or `NaN` when one class is absent
 * @example
 * ```ts
 * auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]); // 0.75
 * auc([1, 1], [0, 1]);                       // 0.5 (a tie)
 * ```
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  checkLengths('auc', scores, labels);
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let rankSumPos = 0;
  let nPos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1] as number] === scores[order[i] as number]) j++;
    const avgRank = (i + j) / 2 + 1; // 1-based average rank of the tied run
    for (let k = i; k <= j; k++) {
      if ((labels[order[k] as number] as number) > 0.5) {
        rankSumPos += avgRank;
        nPos++;
      }
    }
    i = j + 1;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/**
 * Share of predictions on the right side of `threshold` (`score > threshold` predicts 1).
 *
 * @param threshold default `0.5` for probabilities; pass `0` for raw logits
 * @example
 * ```ts
 * accuracy([0.9, 0.2, 0.6, 0.4], [1, 0, 0, 0]);    // 0.75
 * accuracy([2.1, -0.3], [1, 0], 0);                 // 1
 * ```
 */
export function accuracy(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold = 0.5): number {
  checkLengths('accuracy', scores, labels);
  if (scores.length === 0) return NaN;
  let right = 0;
  for (let i = 0; i < scores.length; i++) {
    const pred = (scores[i] as number) > threshold ? 1 : 0;
    const y = (labels[i] as number) > 0.5 ? 1 : 0;
    if (pred === y) right++;
  }
  return right / scores.length;
}

/**
 * Mean binary cross-entropy (nats) of probabilities against 0/1 labels, probabilities clipped to
 * `[eps, 1 − eps]` so a confident mistake costs a large but finite loss.
 *
 * @example
 * ```ts
 * logLoss([0.5, 0.5], [1, 0]);   // ln 2 ≈ 0.6931
 * logLoss([0.9, 0.2], [1, 0]);   // (−ln 0.9 − ln 0.8) / 2 ≈ 0.1643
 * ```
 */
export function logLoss(probabilities: ArrayLike<number>, labels: ArrayLike<number>, eps = 1e-7): number {
  checkLengths('logLoss', probabilities, labels);
  if (probabilities.length === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = Math.min(1 - eps, Math.max(eps, probabilities[i] as number));
    sum -= (labels[i] as number) > 0.5 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / probabilities.length;
}

/**
 * The logistic function, numerically stable for large |x|.
 *
 * @example
 * ```ts
 * sigmoid(0); // 0.5
 * ```
 */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
