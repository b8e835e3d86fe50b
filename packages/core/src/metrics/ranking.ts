/**
 * Ranking metrics per query (here: per CV over its candidate jobs), averaged over queries. Pure
 * functions over plain arrays; binary relevance.
 */

function check(fn: string, scores: ArrayLike<number>, labels: ArrayLike<number>): void {
  if (scores.length !== labels.length) throw new RangeError(`${fn}: scores has ${scores.length} entries but labels has ${labels.length}; pass one label per score.`);
}

/** Indices sorted by score, highest first; ties keep input order (stable), so results are deterministic. */
function order(scores: ArrayLike<number>): number[] {
  return Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
}

/**
 * NDCG@k of one ranked list with binary relevance: DCG = Σ_{rank r ≤ k} rel_r / log2(r + 1), divided by
 * the DCG of the ideal order. `NaN` when the list has no relevant item (callers skip such queries).
 *
 * @example
 * ```ts
 * // ranked: [rel 0, rel 1, rel 1] → DCG = 1/log2(3) + 1/log2(4) = 1.1309; ideal = 1 + 1/log2(3) = 1.6309
 * ndcgAtK([0.9, 0.5, 0.1], [0, 1, 1], 3); // 0.6934
 * ```
 */
export function ndcgAtK(scores: ArrayLike<number>, labels: ArrayLike<number>, k: number): number {
  check('ndcgAtK', scores, labels);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`ndcgAtK: k must be a positive integer, got ${k}.`);
  const rel = (i: number): number => ((labels[i] as number) > 0.5 ? 1 : 0);
  const nRel = Array.from({ length: labels.length }, (_, i) => rel(i)).reduce((a, b) => a + b, 0);
  if (nRel === 0) return NaN;
  let dcg = 0;
  order(scores)
    .slice(0, k)
    .forEach((i, r) => {
      dcg += rel(i) / Math.log2(r + 2);
    });
  let ideal = 0;
  for (let r = 0; r < Math.min(k, nRel); r++) ideal += 1 / Math.log2(r + 2);
  return dcg / ideal;
}

/**
 * Recall@k of one ranked list: share of the relevant items that are in the top k. `NaN` when there is
 * no relevant item.
 *
 * @example
 * ```ts
 * recallAtK([0.9, 0.5, 0.1], [0, 1, 1], 2); // 0.5
 * ```
 */
export function recallAtK(scores: ArrayLike<number>, labels: ArrayLike<number>, k: number): number {
  check('recallAtK', scores, labels);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`recallAtK: k must be a positive integer, got ${k}.`);
  let nRel = 0;
  for (let i = 0; i < labels.length; i++) if ((labels[i] as number) > 0.5) nRel++;
  if (nRel === 0) return NaN;
  let hit = 0;
  for (const i of order(scores).slice(0, k)) if ((labels[i] as number) > 0.5) hit++;
  return hit / nRel;
}

/**
 * Mean of a per-query metric over queries (rows grouped by `groups`, e.g. the CV id). Queries where the
 * metric is `NaN` (no relevant item) are skipped, as in most recommender evaluations; `count` says how
 * many were used.
 *
 * @example
 * ```ts
 * meanOverGroups(ndcgAtK, [0.9, 0.1, 0.3, 0.8], [1, 0, 0, 1], ['a', 'a', 'b', 'b'], 1); // { value: 1, count: 2 }
 * ```
 */
export function meanOverGroups(
  metric: (scores: number[], labels: number[], k: number) => number,
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  groups: readonly string[],
  k: number,
): { value: number; count: number } {
  check('meanOverGroups', scores, labels);
  if (groups.length !== scores.length) throw new RangeError(`meanOverGroups: groups has ${groups.length} entries but scores has ${scores.length}.`);
  const byGroup = new Map<string, { s: number[]; y: number[] }>();
  groups.forEach((g, i) => {
    let e = byGroup.get(g);
    if (!e) byGroup.set(g, (e = { s: [], y: [] }));
    e.s.push(scores[i] as number);
    e.y.push(labels[i] as number);
  });
  let sum = 0;
  let count = 0;
  for (const { s, y } of byGroup.values()) {
    const v = metric(s, y, k);
    if (Number.isNaN(v)) continue;
    sum += v;
    count++;
  }
  return { value: count === 0 ? NaN : sum / count, count };
}
