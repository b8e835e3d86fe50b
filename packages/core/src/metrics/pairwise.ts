/** Pairwise accuracy: how often a matched pair outscores an unmatched one of the same group. */

/** What {@link pairwiseComparisons} returns. */
export interface PairwiseResult {
  /** Share of (positive, negative) comparisons won by the positive; ties count one half. `NaN` if none. */
  accuracy: number;
  /** Comparisons made (Σ over groups of positives × negatives). */
  comparisons: number;
  /** Groups that had at least one positive and one negative. */
  groups: number;
}

/**
 * Pairwise accuracy with its counts: within each group (e.g. one JD of RJDB with its matched and its
 * unmatched CV, or one CV with the JDs recruiters judged for it), every positive is compared with every
 * negative; a win is `score(positive) > score(negative)`, a tie counts one half.
 *
 * @example
 * ```ts
 * pairwiseComparisons([0.9, 0.1, 0.3, 0.5], [1, 0, 1, 0], ['a', 'a', 'b', 'b']);
 * // { accuracy: 0.5, comparisons: 2, groups: 2 }
 * ```
 */
export function pairwiseComparisons(scores: ArrayLike<number>, labels: ArrayLike<number>, groups: ArrayLike<string | number>): PairwiseResult {
  if (scores.length !== labels.length || scores.length !== groups.length) {
    throw new RangeError(`pairwiseAccuracy: scores (${scores.length}), labels (${labels.length}) and groups (${groups.length}) must have the same length.`);
  }
  const byGroup = new Map<string | number, { pos: number[]; neg: number[] }>();
  for (let i = 0; i < scores.length; i++) {
    const g = groups[i] as string | number;
    let e = byGroup.get(g);
    if (!e) byGroup.set(g, (e = { pos: [], neg: [] }));
    ((labels[i] as number) > 0.5 ? e.pos : e.neg).push(scores[i] as number);
  }
  let wins = 0;
  let comparisons = 0;
  let used = 0;
  for (const { pos, neg } of byGroup.values()) {
    if (pos.length === 0 || neg.length === 0) continue;
    used++;
    for (const p of pos) {
      for (const q of neg) {
        wins += p > q ? 1 : p === q ? 0.5 : 0;
        comparisons++;
      }
    }
  }
  return { accuracy: comparisons > 0 ? wins / comparisons : NaN, comparisons, groups: used };
}

/**
 * Pairwise accuracy (see {@link pairwiseComparisons}): the share of within-group (positive, negative)
 * comparisons that the positive wins, ties one half.
 *
 * @example
 * ```ts
 * pairwiseAccuracy([2, 1, 0, 0], [1, 0, 1, 0], ['jd1', 'jd1', 'jd2', 'jd2']); // (1 + 0.5) / 2 = 0.75
 * ```
 */
export function pairwiseAccuracy(scores: ArrayLike<number>, labels: ArrayLike<number>, groups: ArrayLike<string | number>): number {
  return pairwiseComparisons(scores, labels, groups).accuracy;
}
