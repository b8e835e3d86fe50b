/**
 * ROUGE-L (Lin, 2004): F-measure of the longest common subsequence of words between a candidate and a
 * reference. Words are lower-cased runs of letters/digits (Unicode-aware), as in `rouge-score`'s default
 * tokenizer extended beyond ASCII; no stemming.
 */

/** Lower-cased word tokens. */
export function rougeTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Length of the longest common subsequence (O(n·m) time, O(min) memory). */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  if (a.length < b.length) [a, b] = [b, a];
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? (prev[j - 1] as number) + 1 : Math.max(prev[j] as number, cur[j - 1] as number);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] as number;
}

/** ROUGE-L precision, recall and F1 of one candidate against one reference. */
export interface RougeScore {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * ROUGE-L of a candidate text against a reference text.
 *
 * @example
 * ```ts
 * rougeL('the cat sat on the mat', 'the cat is on the mat'); // { precision: 5/6, recall: 5/6, f1: 5/6 }
 * ```
 */
export function rougeL(candidate: string, reference: string): RougeScore {
  const c = rougeTokens(candidate);
  const r = rougeTokens(reference);
  if (c.length === 0 || r.length === 0) return { precision: 0, recall: 0, f1: 0 };
  const l = lcsLength(c, r);
  const precision = l / c.length;
  const recall = l / r.length;
  return { precision, recall, f1: l === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

/**
 * Mean ROUGE-L F1 over pairs.
 *
 * @example
 * ```ts
 * meanRougeL(generated, references); // 0.41
 * ```
 */
export function meanRougeL(candidates: readonly string[], references: readonly string[]): number {
  if (candidates.length !== references.length) throw new Error(`meanRougeL: ${candidates.length} candidates but ${references.length} references.`);
  if (candidates.length === 0) return 0;
  return candidates.reduce((s, c, i) => s + rougeL(c, references[i] as string).f1, 0) / candidates.length;
}
