import { tfidfTokens } from './tfidf.js';

/** Options of {@link fitBm25}. */
export interface Bm25Options {
  /** Term-frequency saturation, default `1.2` (Robertson & Zaragoza; Lucene's default). */
  k1?: number;
  /** Length normalisation, default `0.75` (0 = none, 1 = full). */
  b?: number;
  /** Tokenizer, default the TF-IDF one (lower-cased words of 2+ letters/digits). */
  tokenize?: (text: string) => string[];
}

/** A BM25 model fitted on a corpus; see {@link fitBm25}. */
export interface Bm25Model {
  readonly documents: number;
  /** Mean document length in tokens. */
  readonly avgLength: number;
  readonly k1: number;
  readonly b: number;
  /** IDF `ln(1 + (N − df + 0.5) / (df + 0.5))` (Lucene's; never negative). */
  idf(term: string): number;
  /**
   * Okapi BM25 of `doc` for `query`: Σ over the query's tokens (repeats count, as rank_bm25) of
   * `idf(t) · tf(t, doc) · (k1 + 1) / (tf(t, doc) + k1 · (1 − b + b · |doc| / avgLength))`.
   */
  score(query: string, doc: string): number;
}

/**
 * Fit BM25 statistics (document frequencies, mean length) on a corpus, e.g. every candidate JD. Each
 * distinct text is one document.
 *
 * @example
 * ```ts
 * const bm25 = fitBm25(jobs.map((j) => j.text));
 * bm25.score(generatedJd, candidateJd); // ≥ 0, higher = more similar
 * ```
 */
export function fitBm25(corpus: Iterable<string>, options: Bm25Options = {}): Bm25Model {
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  if (!(k1 >= 0) || !(b >= 0 && b <= 1)) throw new RangeError(`fitBm25: k1 must be >= 0 and b in [0, 1], got k1 = ${k1}, b = ${b}.`);
  const tokenize = options.tokenize ?? tfidfTokens;
  const df = new Map<string, number>();
  const seen = new Set<string>();
  let totalLength = 0;
  for (const doc of corpus) {
    if (seen.has(doc)) continue;
    seen.add(doc);
    const toks = tokenize(doc);
    totalLength += toks.length;
    for (const t of new Set(toks)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const n = seen.size;
  const avgLength = n === 0 ? 0 : totalLength / n;
  const idf = (t: string): number => {
    const d = df.get(t) ?? 0;
    return Math.log(1 + (n - d + 0.5) / (d + 0.5));
  };
  const tfCache = new Map<string, { tf: Map<string, number>; len: number }>();
  const stats = (doc: string) => {
    let s = tfCache.get(doc);
    if (!s) {
      const toks = tokenize(doc);
      const tf = new Map<string, number>();
      for (const t of toks) tf.set(t, (tf.get(t) ?? 0) + 1);
      s = { tf, len: toks.length };
      if (tfCache.size > 50_000) tfCache.clear();
      tfCache.set(doc, s);
    }
    return s;
  };
  return {
    documents: n,
    avgLength,
    k1,
    b,
    idf,
    score(query: string, doc: string): number {
      const { tf, len } = stats(doc);
      const norm = k1 * (1 - b + (avgLength > 0 ? (b * len) / avgLength : 0));
      let s = 0;
      for (const t of tokenize(query)) {
        const f = tf.get(t);
        if (f) s += (idf(t) * f * (k1 + 1)) / (f + norm);
      }
      return s;
    },
  };
}
