/**
 * TF-IDF cosine between a CV and a JD: the surface-cue baseline every reward model must beat.
 * Mirrors scikit-learn's `TfidfVectorizer()` defaults so the figure can be checked there: lower-cased
 * words of 2+ letters/digits, raw term counts, smooth IDF `ln((1 + n) / (1 + df)) + 1`, L2-normalised rows.
 */

/** Words of two or more letters or digits, lower-cased (scikit-learn's `\b\w\w+\b`, Unicode-aware). */
export function tfidfTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]{2,}/gu) ?? [];
}

/** A fitted IDF table; see {@link fitTfidf}. */
export interface TfidfModel {
  /** Documents the IDF was fitted on. */
  readonly documents: number;
  /** IDF of a term (terms never seen get the IDF of df = 0). */
  idf(term: string): number;
  /** The L2-normalised TF-IDF vector of a text, as a sparse map. */
  vector(text: string): Map<string, number>;
  /** Cosine similarity of two texts' TF-IDF vectors (0 when either has no words). */
  cosine(a: string, b: string): number;
}

/**
 * Fits IDF on `documents` (each distinct text counted once).
 *
 * @example
 * ```ts
 * const tfidf = fitTfidf([...rows.map((r) => r.cv), ...rows.map((r) => r.jd)]);
 * tfidf.cosine('python data engineer', 'data engineer with python'); // ≈ 1 (same words)
 * ```
 */
export function fitTfidf(documents: Iterable<string>): TfidfModel {
  const df = new Map<string, number>();
  const seen = new Set<string>();
  for (const doc of documents) {
    if (seen.has(doc)) continue;
    seen.add(doc);
    for (const t of new Set(tfidfTokens(doc))) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const n = seen.size;
  const idf = (term: string) => Math.log((1 + n) / (1 + (df.get(term) ?? 0))) + 1;
  const cache = new Map<string, Map<string, number>>();
  const vector = (text: string): Map<string, number> => {
    const hit = cache.get(text);
    if (hit) return hit;
    const tf = new Map<string, number>();
    for (const t of tfidfTokens(text)) tf.set(t, (tf.get(t) ?? 0) + 1);
    let norm = 0;
    for (const [t, c] of tf) {
      const w = c * idf(t);
      tf.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [t, w] of tf) tf.set(t, w / norm);
    if (cache.size > 50_000) cache.clear();
    cache.set(text, tf);
    return tf;
  };
  return {
    documents: n,
    idf,
    vector,
    cosine(a: string, b: string): number {
      const va = vector(a);
      const vb = vector(b);
      const [small, large] = va.size <= vb.size ? [va, vb] : [vb, va];
      let dot = 0;
      for (const [t, w] of small) dot += w * (large.get(t) ?? 0);
      return dot;
    },
  };
}

/**
 * TF-IDF cosine between each row's CV and JD, with IDF fitted on the rows' own texts (every distinct
 * CV and JD of the evaluated rows is one document) unless `fitOn` gives other texts (e.g. the training
 * set). Fitting on the evaluated rows is what "TF-IDF over the test file" means; it uses no labels.
 *
 * @example
 * ```ts
 * const scores = tfidfCosine(testRows);                  // IDF from the test texts
 * const scores2 = tfidfCosine(testRows, { fitOn: trainTexts });
 * pairwiseAccuracy(scores, testRows.map((r) => r.label), testRows.map((r) => r.group));
 * ```
 */
export function tfidfCosine(rows: readonly { cv: string; jd: string }[], options: { fitOn?: Iterable<string> } = {}): number[] {
  const model = fitTfidf(options.fitOn ?? rows.flatMap((r) => [r.cv, r.jd]));
  return rows.map((r) => model.cosine(r.cv, r.jd));
}
