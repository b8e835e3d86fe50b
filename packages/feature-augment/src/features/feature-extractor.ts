import { getSection } from '@girl/data';
import { fitBm25, fitTfidf } from '@girl/core';
import type { Bm25Model, Bm25Options, TfidfModel } from '@girl/core';
import { cosine, skillOverlap } from './similarity.js';

/** One (CV, candidate JD) pair to score. */
export interface CandidatePair {
  /** Who: the CV's id (the ranking query). */
  readonly cvId: string;
  readonly cv: string;
  readonly jdId: string;
  /** The candidate job's description. */
  readonly jd: string;
}

/** Embeds texts into fixed-size vectors (e.g. {@link embedTexts} with the generator). */
export type EmbedFn = (texts: readonly string[]) => Promise<readonly ArrayLike<number>[]>;
/** Scores CV–JD pairs (e.g. `(cvs, jds) => rewardModel.score(cvs, jds)`). */
export type PairScoreFn = (cvs: readonly string[], jds: readonly string[]) => Promise<readonly number[]>;

/** Options of {@link FeatureExtractor}. */
export interface FeatureExtractorOptions {
  /** Texts the TF-IDF IDF and BM25 statistics are fitted on (training CVs and JDs; no labels are used). */
  corpus: Iterable<string>;
  /** Skills named in a text, e.g. `market.extractSkills` from @girl/data. Without it the skill columns are left out. */
  extractSkills?: (text: string) => readonly string[];
  /** Text embedder; adds the `*_embed` cosine columns. */
  embed?: EmbedFn;
  /** CV–JD scorer (GIRL's reward model); adds `cv_jd_reward` (base) and `gen_reward` (the scorer's verdict on the generated JD against the candidate, scored as a CV–JD pair). */
  reward?: PairScoreFn;
  /**
   * A JD parser (e.g. `market.parseJd` from @girl/data, or your platform's title normaliser): adds
   * `gen_jd_same_occupation` and `gen_jd_same_seniority`, field-to-field matches between the generated
   * JD and the candidate that free-text CVs do not allow.
   */
  jdFields?: (jdText: string) => { readonly occupation?: string | undefined; readonly seniority?: string | undefined };
  /** BM25 parameters (default k1 1.2, b 0.75). */
  bm25?: Bm25Options;
}

/** Extra context for {@link FeatureExtractor.build}. */
export interface BuildOptions {
  /** Generated JD for each CV text; adds the `gen_*` columns. A CV without one gets zeros and `gen_missing` = 1. */
  generated?: ReadonlyMap<string, string>;
  /**
   * Per CV id, the JDs that person liked in training (applied to, or labelled fit); adds `hist_tfidf_max`
   * and `has_history`. Cold-start CVs have none.
   */
  history?: ReadonlyMap<string, readonly string[]>;
}

/** A feature matrix with named columns, row-major. */
export interface FeatureMatrix {
  readonly columns: readonly string[];
  /** The columns that need no generated JD. */
  readonly baseColumns: readonly string[];
  /** The columns computed from the generated JD. */
  readonly generatedColumns: readonly string[];
  readonly rows: readonly Float64Array[];
}

/**
 * Builds features for (CV, candidate JD) pairs, with and without the generated JD. Columns:
 *
 * | column | from |
 * | --- | --- |
 * | `cv_jd_tfidf`, `cv_jd_bm25` | CV vs candidate: TF-IDF cosine; BM25 with the CV as the query |
 * | `cv_jd_skill_jaccard`, `cv_jd_skill_recall` | skills of the CV vs the candidate's (recall: share of the candidate's skills the CV names) |
 * | `cv_jd_embed` | embedding cosine (with `embed`) |
 * | `cv_jd_reward` | reward score (with `reward`) |
 * | `hist_tfidf_max`, `has_history` | max TF-IDF cosine of the candidate with the JDs the person liked in training (with `history`) |
 * | `gen_jd_tfidf`, `gen_jd_bm25`, `gen_jd_skill_jaccard`, `gen_jd_skill_recall`, `gen_jd_embed`, `gen_reward` | the same, with the generated JD in the CV's place |
 * | `gen_jd_title_tfidf` | TF-IDF cosine of the generated JD's and the candidate's *Job title* sections (field-to-field matching a CV cannot offer) |
 * | `gen_jd_same_occupation`, `gen_jd_same_seniority` | 1 when a JD parser (`jdFields`) reads the same occupation / seniority from both JDs |
 * | `gen_missing` | 1 when the CV has no generated JD |
 *
 * @example
 * ```ts
 * const fx = new FeatureExtractor({ corpus: trainTexts, extractSkills: market.extractSkills });
 * const m = await fx.build(pairs, { generated, history });
 * m.columns;           // ['cv_jd_tfidf', …, 'gen_jd_tfidf', …]
 * selectColumns(m, m.baseColumns); // the matrix without generated-JD features
 * ```
 */
export class FeatureExtractor {
  readonly tfidf: TfidfModel;
  readonly bm25: Bm25Model;
  private readonly options: FeatureExtractorOptions;
  private readonly skillCache = new Map<string, readonly string[]>();
  private readonly fieldCache = new Map<string, { readonly occupation?: string | undefined; readonly seniority?: string | undefined }>();
  private readonly titleCache = new Map<string, string | undefined>();

  constructor(options: FeatureExtractorOptions) {
    const corpus = [...options.corpus];
    if (corpus.length === 0) throw new RangeError('FeatureExtractor: corpus is empty; pass the training CVs and JDs so TF-IDF and BM25 have statistics.');
    this.options = options;
    this.tfidf = fitTfidf(corpus);
    this.bm25 = fitBm25(corpus, options.bm25);
  }

  private skills(text: string): readonly string[] {
    let s = this.skillCache.get(text);
    if (!s) {
      s = this.options.extractSkills?.(text) ?? [];
      if (this.skillCache.size > 100_000) this.skillCache.clear();
      this.skillCache.set(text, s);
    }
    return s;
  }

  /** TF-IDF cosine of two JDs' "Job title" sections (0 when either has none). */
  titleSimilarity(a: string, b: string): number {
    const ta = this.title(a);
    const tb = this.title(b);
    return ta && tb ? this.tfidf.cosine(ta, tb) : 0;
  }

  private fields(text: string): { readonly occupation?: string | undefined; readonly seniority?: string | undefined } {
    let f = this.fieldCache.get(text);
    if (!f) {
      f = this.options.jdFields?.(text) ?? {};
      if (this.fieldCache.size > 100_000) this.fieldCache.clear();
      this.fieldCache.set(text, f);
    }
    return f;
  }

  private title(text: string): string | undefined {
    if (!this.titleCache.has(text)) {
      if (this.titleCache.size > 100_000) this.titleCache.clear();
      this.titleCache.set(text, getSection(text, ['job title'])?.trim() || undefined);
    }
    return this.titleCache.get(text);
  }

  /** Text-pair columns of one source (CV or generated JD) against a candidate JD. */
  private textColumns(source: string, jd: string): number[] {
    const out = [this.tfidf.cosine(source, jd), this.bm25.score(source, jd)];
    if (this.options.extractSkills) {
      const o = skillOverlap(this.skills(source), this.skills(jd));
      out.push(o.jaccard, o.recall);
    }
    return out;
  }

  /** The column names `build` gives for these options. */
  columnNames(options: BuildOptions = {}): { base: string[]; generated: string[] } {
    const o = this.options;
    const pairCols = (p: string) => [`${p}_tfidf`, `${p}_bm25`, ...(o.extractSkills ? [`${p}_skill_jaccard`, `${p}_skill_recall`] : []), ...(o.embed ? [`${p}_embed`] : [])];
    const base = [...pairCols('cv_jd'), ...(o.reward ? ['cv_jd_reward'] : []), ...(options.history ? ['hist_tfidf_max', 'has_history'] : [])];
    const generated = options.generated ? [...pairCols('gen_jd'), 'gen_jd_title_tfidf', ...(o.jdFields ? ['gen_jd_same_occupation', 'gen_jd_same_seniority'] : []), ...(o.reward ? ['gen_reward'] : []), 'gen_missing'] : [];
    return { base, generated };
  }

  /**
   * The feature matrix of `pairs`: base columns, then generated-JD columns when `generated` is given.
   *
   * @example
   * ```ts
   * const m = await fx.build([{ cvId: 'p1', cv, jdId: 'j1', jd }], { generated: new Map([[cv, generatedJd]]) });
   * m.rows[0]; // Float64Array of m.columns.length values
   * ```
   */
  async build(pairs: readonly CandidatePair[], options: BuildOptions = {}): Promise<FeatureMatrix> {
    const { base, generated } = this.columnNames(options);
    const gen = (p: CandidatePair) => options.generated?.get(p.cv);
    const o = this.options;
    // embeddings of every distinct text, once
    let vec: Map<string, ArrayLike<number>> | undefined;
    if (o.embed) {
      const texts = [...new Set(pairs.flatMap((p) => [p.cv, p.jd, ...(gen(p) !== undefined ? [gen(p) as string] : [])]))];
      const vs = await o.embed(texts);
      if (vs.length !== texts.length) throw new Error(`FeatureExtractor: embed returned ${vs.length} vectors for ${texts.length} texts; return one vector per text, in order.`);
      vec = new Map(texts.map((t, i) => [t, vs[i] as ArrayLike<number>]));
    }
    let rewardCv: readonly number[] = [];
    let rewardGen: readonly number[] = [];
    if (o.reward) {
      rewardCv = await o.reward(pairs.map((p) => p.cv), pairs.map((p) => p.jd));
      if (options.generated) {
        const withGen = pairs.filter((p) => gen(p) !== undefined);
        const scores = await o.reward(withGen.map((p) => gen(p) as string), withGen.map((p) => p.jd));
        const it = scores[Symbol.iterator]();
        rewardGen = pairs.map((p) => (gen(p) !== undefined ? (it.next().value as number) : 0));
      }
    }
    const rows = pairs.map((p, i) => {
      const r: number[] = this.textColumns(p.cv, p.jd);
      if (vec) r.push(cosine(vec.get(p.cv) as ArrayLike<number>, vec.get(p.jd) as ArrayLike<number>));
      if (o.reward) r.push(rewardCv[i] as number);
      if (options.history) {
        const h = options.history.get(p.cvId) ?? [];
        r.push(h.length === 0 ? 0 : Math.max(...h.map((x) => this.tfidf.cosine(x, p.jd))), h.length === 0 ? 0 : 1);
      }
      if (options.generated) {
        const g = gen(p);
        const n = generated.length - 1 - (o.reward ? 1 : 0);
        if (g === undefined) {
          r.push(...new Array<number>(n).fill(0), ...(o.reward ? [0] : []), 1);
        } else {
          r.push(...this.textColumns(g, p.jd));
          if (vec) r.push(cosine(vec.get(g) as ArrayLike<number>, vec.get(p.jd) as ArrayLike<number>));
          r.push(this.titleSimilarity(g, p.jd));
          if (o.jdFields) {
            const fg = this.fields(g);
            const fc = this.fields(p.jd);
            r.push(fg.occupation !== undefined && fg.occupation === fc.occupation ? 1 : 0, fg.seniority !== undefined && fg.seniority === fc.seniority ? 1 : 0);
          }
          if (o.reward) r.push(rewardGen[i] as number);
          r.push(0);
        }
      }
      return Float64Array.from(r);
    });
    return { columns: [...base, ...generated], baseColumns: base, generatedColumns: generated, rows };
  }
}

/**
 * The matrix restricted to (and ordered as) `names`.
 *
 * @example
 * ```ts
 * const base = selectColumns(m, m.baseColumns);
 * ```
 */
export function selectColumns(m: FeatureMatrix, names: readonly string[]): FeatureMatrix {
  const idx = names.map((n) => {
    const i = m.columns.indexOf(n);
    if (i < 0) throw new RangeError(`selectColumns: no column "${n}"; the matrix has ${m.columns.join(', ')}.`);
    return i;
  });
  const keep = new Set(names);
  return {
    columns: [...names],
    baseColumns: m.baseColumns.filter((c) => keep.has(c)),
    generatedColumns: m.generatedColumns.filter((c) => keep.has(c)),
    rows: m.rows.map((r) => Float64Array.from(idx, (i) => r[i] as number)),
  };
}
