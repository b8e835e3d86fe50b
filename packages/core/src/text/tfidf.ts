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
  /**
   * Share of the JD's distinct words, weighted by IDF, that also occur in the CV: Σ idf(t) over JD words
   * found in the CV / Σ idf(t) over all JD words. In [0, 1]; 0 when the JD has no words. Unlike the cosine,
   * it does not fall when the CV says more than the JD asks for, and it does fall when a required skill is
   * missing — the recruiter's question.
   */
  coverage(cv: string, jd: string): number;
  /** The fitted counts, for saving with a model; {@link tfidfFromJSON} restores an identical model. */
  toJSON(): TfidfJson;
}

/** A TF-IDF model's fitted counts, as saved with a reward model (see {@link TfidfModel.toJSON}). */
export interface TfidfJson {
  format: 'girl-tfidf';
  version: 1;
  /** Documents the IDF was fitted on. */
  documents: number;
  /** Document frequency of every term seen. */
  df: Record<string, number>;
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
  return tfidfFromCounts(seen.size, df);
}

/**
 * Restores a model saved with {@link TfidfModel.toJSON}.
 *
 * @throws TypeError naming the field when `json` is not a saved TF-IDF model.
 * @example
 * ```ts
 * const same = tfidfFromJSON(JSON.parse(JSON.stringify(tfidf.toJSON())));
 * ```
 */
export function tfidfFromJSON(json: unknown): TfidfModel {
  const j = json as Partial<TfidfJson> | null;
  if (!j || j.format !== 'girl-tfidf') throw new TypeError(`tfidfFromJSON: expected { format: 'girl-tfidf', … }, got format ${JSON.stringify(j?.format)}.`);
  if (j.version !== 1) throw new TypeError(`tfidfFromJSON: version ${String(j.version)} is not supported (expected 1).`);
  if (!Number.isInteger(j.documents) || (j.documents as number) < 0) throw new TypeError(`tfidfFromJSON: documents must be a non-negative integer, got ${String(j.documents)}.`);
  if (!j.df || typeof j.df !== 'object') throw new TypeError('tfidfFromJSON: df must be an object of term → document frequency.');
  const df = new Map<string, number>();
  for (const [term, count] of Object.entries(j.df)) {
    if (!Number.isInteger(count) || count < 1 || count > (j.documents as number)) throw new TypeError(`tfidfFromJSON: df[${JSON.stringify(term)}] = ${String(count)} is not an integer in [1, documents = ${j.documents}].`);
    df.set(term, count);
  }
  return tfidfFromCounts(j.documents as number, df);
}

function tfidfFromCounts(n: number, df: ReadonlyMap<string, number>): TfidfModel {
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
    coverage(cv: string, jd: string): number {
      const have = vector(cv);
      let found = 0;
      let all = 0;
      for (const t of vector(jd).keys()) {
        const w = idf(t);
        all += w;
        if (have.has(t)) found += w;
      }
      return all > 0 ? found / all : 0;
    },
    toJSON(): TfidfJson {
      return { format: 'girl-tfidf', version: 1, documents: n, df: Object.fromEntries([...df].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
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
