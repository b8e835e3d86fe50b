/** The "longer CV wins" baseline: a CV's length in words as its score. */

/** Whitespace-separated words in a text. @example `countWords(' a  b\nc ') // 3` */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => w.length > 0).length;
}

/**
 * Each row's CV length in words (whitespace-separated runs) as a score: the baseline "the longer CV wins".
 * On RJDB the matched CV is usually the more detailed one, so this alone ranks well.
 *
 * @example
 * ```ts
 * const scores = longerCvScores(rows);
 * pairwiseAccuracy(scores, rows.map((r) => r.label), rows.map((r) => r.group)); // "longer CV wins" accuracy
 * ```
 */
export function longerCvScores(rows: readonly { cv: string }[]): number[] {
  return rows.map((r) => countWords(r.cv));
}

/**
 * Share of groups' (matched, unmatched) comparisons where the matched CV has more words (ties one half).
 * Rows need `label` (1 matched, 0 unmatched) and `group` (e.g. the JD's id).
 *
 * @example
 * ```ts
 * longerCvWins([
 *   { cv: 'long detailed cv', label: 1, group: 'jd1' },
 *   { cv: 'short', label: 0, group: 'jd1' },
 * ]); // 1
 * ```
 */
export function longerCvWins(rows: readonly { cv: string; label: number; group?: string | number | undefined }[]): number {
  const scores = longerCvScores(rows);
  const byGroup = new Map<string | number, { pos: number[]; neg: number[] }>();
  rows.forEach((r, i) => {
    const g = r.group ?? i;
    let e = byGroup.get(g);
    if (!e) byGroup.set(g, (e = { pos: [], neg: [] }));
    (r.label > 0.5 ? e.pos : e.neg).push(scores[i] as number);
  });
  let wins = 0;
  let n = 0;
  for (const { pos, neg } of byGroup.values()) {
    for (const p of pos) {
      for (const q of neg) {
        wins += p > q ? 1 : p === q ? 0.5 : 0;
        n++;
      }
    }
  }
  return n > 0 ? wins / n : NaN;
}
