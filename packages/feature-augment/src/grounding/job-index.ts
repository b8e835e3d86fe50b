import { fitBm25, fitTfidf } from '@girl/core';
import type { Bm25Model, Bm25Options, TfidfModel } from '@girl/core';
import type { EmbedFn } from '../features/feature-extractor.js';
import { cosine } from '../features/similarity.js';

/** A real job to ground generated JDs in. */
export interface IndexedJob {
  readonly id: string;
  readonly text: string;
}

/** One result of {@link JobIndex.nearest}. */
export interface JobMatch {
  readonly id: string;
  readonly text: string;
  readonly score: number;
  /** 0-based rank. */
  readonly rank: number;
}

/** How {@link JobIndex.nearest} scores jobs. */
export type JobIndexScoring = 'bm25' | 'tfidf' | 'embedding' | 'hybrid';

/** Options of {@link JobIndex.build}. */
export interface JobIndexOptions {
  /** Embedder for `'embedding'` and `'hybrid'` scoring (e.g. `gptEmbedder(model, tok)`); the jobs are embedded once at build time. */
  embed?: EmbedFn;
  bm25?: Bm25Options;
}

/**
 * An index of real jobs for grounding: the top-k real JDs nearest to a generated JD, by BM25 (the
 * generated JD as the query), TF-IDF cosine, embedding cosine, or a hybrid (mean of the three after
 * scaling BM25 by the query's best score). Exact search (a scan); fine for the ~10⁴ jobs of a research
 * index on a laptop.
 *
 * @example
 * ```ts
 * const index = await JobIndex.build(market.jobs.map((j) => ({ id: j.id, text: j.jd.text })));
 * index.nearest(generatedJd, 5);                 // BM25
 * index.nearest(generatedJd, 5, 'tfidf');
 * ```
 */
export class JobIndex {
  readonly jobs: readonly IndexedJob[];
  readonly tfidf: TfidfModel;
  readonly bm25: Bm25Model;
  private readonly embed: EmbedFn | undefined;
  private readonly vectors: readonly ArrayLike<number>[] | undefined;

  private constructor(jobs: readonly IndexedJob[], tfidf: TfidfModel, bm25: Bm25Model, embed: EmbedFn | undefined, vectors: readonly ArrayLike<number>[] | undefined) {
    this.jobs = jobs;
    this.tfidf = tfidf;
    this.bm25 = bm25;
    this.embed = embed;
    this.vectors = vectors;
  }

  /** Index jobs (ids must be unique). */
  static async build(jobs: readonly IndexedJob[], options: JobIndexOptions = {}): Promise<JobIndex> {
    const ids = new Set<string>();
    for (const j of jobs) {
      if (ids.has(j.id)) throw new RangeError(`JobIndex.build: duplicate job id "${j.id}"; ids must be unique.`);
      ids.add(j.id);
    }
    const texts = jobs.map((j) => j.text);
    const vectors = options.embed && jobs.length > 0 ? await options.embed(texts) : undefined;
    return new JobIndex([...jobs], fitTfidf(texts.length ? texts : ['']), fitBm25(texts, options.bm25), options.embed, vectors);
  }

  /** The `k` jobs nearest to `text`, best first (ties by index order). Async only for `'embedding'` / `'hybrid'`. */
  nearest(text: string, k: number, scoring?: 'bm25' | 'tfidf'): JobMatch[];
  nearest(text: string, k: number, scoring: 'embedding' | 'hybrid'): Promise<JobMatch[]>;
  nearest(text: string, k: number, scoring: JobIndexScoring = 'bm25'): JobMatch[] | Promise<JobMatch[]> {
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`JobIndex.nearest: k must be a positive integer, got ${k}.`);
    if (scoring === 'bm25') return this.top(this.jobs.map((j) => this.bm25.score(text, j.text)), k);
    if (scoring === 'tfidf') return this.top(this.jobs.map((j) => this.tfidf.cosine(text, j.text)), k);
    if (!this.embed || !this.vectors) return Promise.reject(new Error(`JobIndex.nearest: scoring '${scoring}' needs an embedder; build the index with { embed }.`));
    const vectors = this.vectors;
    return this.embed([text]).then(([q]) => {
      const emb = vectors.map((v) => cosine(q as ArrayLike<number>, v));
      if (scoring === 'embedding') return this.top(emb, k);
      const bm = this.jobs.map((j) => this.bm25.score(text, j.text));
      const maxBm = Math.max(1e-12, ...bm);
      return this.top(this.jobs.map((j, i) => (this.tfidf.cosine(text, j.text) + (bm[i] as number) / maxBm + (emb[i] as number)) / 3), k);
    });
  }

  private top(scores: readonly number[], k: number): JobMatch[] {
    return scores
      .map((score, i) => ({ score, i }))
      .sort((a, b) => b.score - a.score || a.i - b.i)
      .slice(0, k)
      .map(({ score, i }, rank) => ({ id: (this.jobs[i] as IndexedJob).id, text: (this.jobs[i] as IndexedJob).text, score, rank }));
  }
}
