import { auc, logLoss, meanOverGroups, ndcgAtK, recallAtK } from '@girl/core';
import type { AugmentationSplits, LabelledSet } from '../data/market-splits.js';
import type { FeatureExtractor, FeatureMatrix } from '../features/feature-extractor.js';
import { meanStd } from '../metrics/summary.js';
import type { Spread } from '../metrics/summary.js';
import type { RecRow, Recommender, RecommenderFactory } from '../recommenders/recommender.js';

/** Metrics of one recommender on one test set. */
export interface TestMetrics {
  auc: number;
  logLoss: number;
  /** Mean NDCG@k over CVs with at least one positive candidate. */
  ndcg: number;
  /** Mean Recall@k over CVs with at least one positive candidate. */
  recall: number;
  rows: number;
  /** CVs that entered the ranking metrics. */
  queries: number;
}

/** The metrics of one seed: per recommender, per variant, per test split. */
export interface SeedResult {
  seed: number;
  results: Record<string, { base: Record<TestSplit, TestMetrics>; augmented: Record<TestSplit, TestMetrics> }>;
  seconds: number;
}

export type TestSplit = 'heldOut' | 'coldStart';
export type MetricName = 'auc' | 'logLoss' | 'ndcg' | 'recall';

/** Mean ± std over seeds of each metric, for base, augmented and their difference (augmented − base, paired by seed). */
export type SpreadTable = Record<TestSplit, { base: Record<MetricName, Spread>; augmented: Record<MetricName, Spread>; delta: Record<MetricName, Spread> }>;

/** What {@link evaluateAugmentation} returns. */
export interface AugmentationReport {
  k: number;
  seeds: number[];
  /** Feature columns without and with the generated JD (of the first seed). */
  columns: { base: readonly string[]; augmented: readonly string[] };
  /** Per recommender: mean ± std over seeds. */
  summary: Record<string, SpreadTable>;
  perSeed: SeedResult[];
  /** Rows per split (first seed). */
  sizes: { train: number; heldOut: number; coldStart: number };
}

/** Options of {@link evaluateAugmentation}. */
export interface EvaluateAugmentationOptions {
  /** Seeds; each gives its own split (via `splits`) and recommender initialisation. At least 3 for a spread. */
  seeds: readonly number[];
  /** The train / held-out / cold-start data for a seed (e.g. `(seed) => marketSplits(market, { seed })`). */
  splits: (seed: number) => AugmentationSplits | Promise<AugmentationSplits>;
  /** The generated JD for each CV text (e.g. from a {@link JdCache}). */
  generated: ReadonlyMap<string, string>;
  /** A feature extractor for a seed's training data (fit IDF/BM25 on the training texts only). */
  extractor: (train: LabelledSet, seed: number) => FeatureExtractor;
  /** The recommenders to compare, each trained with and without generated-JD features. */
  recommenders: readonly RecommenderFactory[];
  /** Cut-off of NDCG@k and Recall@k, default `5`. */
  k?: number;
  /** Called after each (seed, recommender, variant). */
  onProgress?: (event: { seed: number; recommender: string; variant: 'base' | 'augmented'; metrics: Record<TestSplit, TestMetrics> }) => void;
}

/**
 * AUC, LogLoss, NDCG@k and Recall@k of a recommender's probabilities on a labelled set (ranking per CV
 * over its candidates).
 *
 * @example
 * ```ts
 * testMetrics([0.9, 0.2, 0.6], [1, 0, 0], ['a', 'a', 'a'], 1); // { auc: 1, logLoss: …, ndcg: 1, recall: 1, rows: 3, queries: 1 }
 * ```
 */
export function testMetrics(probabilities: ArrayLike<number>, labels: readonly number[], groups: readonly string[], k: number): TestMetrics {
  const ndcg = meanOverGroups(ndcgAtK, probabilities, labels, groups, k);
  return {
    auc: auc(probabilities, labels),
    logLoss: logLoss(probabilities, labels),
    ndcg: ndcg.value,
    recall: meanOverGroups(recallAtK, probabilities, labels, groups, k).value,
    rows: labels.length,
    queries: ndcg.count,
  };
}

function recRows(set: LabelledSet, m: FeatureMatrix, generated: ReadonlyMap<string, string> | undefined): RecRow[] {
  return set.pairs.map((p, i) => {
    const g = generated?.get(p.cv);
    return { ...p, features: m.rows[i] as Float64Array, ...(g !== undefined ? { generatedJd: g } : {}) };
  });
}

const METRICS: readonly MetricName[] = ['auc', 'logLoss', 'ndcg', 'recall'];
const SPLITS: readonly TestSplit[] = ['heldOut', 'coldStart'];

/**
 * GIRL's payoff experiment: for each seed and recommender, train once on base features (CV vs candidate)
 * and once on base + generated-JD features, and test both on the held-out and the cold-start split.
 * Returns per-seed metrics and mean ± std over seeds (and of the paired difference).
 *
 * @example
 * ```ts
 * const report = await evaluateAugmentation({
 *   seeds: [1, 2, 3],
 *   splits: (seed) => marketSplits(market, { seed }),
 *   generated,                                          // Map<cv text, generated JD>
 *   extractor: (train) => new FeatureExtractor({ corpus: train.pairs.flatMap((p) => [p.cv, p.jd]), extractSkills: market.extractSkills }),
 *   recommenders: [logisticRecommender(), pjfnnRecommender()],
 * });
 * report.summary['logistic-regression'].heldOut.delta.auc.mean; // e.g. +0.05
 * ```
 */
export async function evaluateAugmentation(options: EvaluateAugmentationOptions): Promise<AugmentationReport> {
  const k = options.k ?? 5;
  if (options.seeds.length === 0) throw new RangeError('evaluateAugmentation: give at least one seed (3 or more for a spread).');
  if (options.recommenders.length === 0) throw new RangeError('evaluateAugmentation: give at least one recommender (e.g. logisticRecommender()).');
  const perSeed: SeedResult[] = [];
  let columns: AugmentationReport['columns'] = { base: [], augmented: [] };
  let sizes = { train: 0, heldOut: 0, coldStart: 0 };
  for (const seed of options.seeds) {
    const t0 = Date.now();
    const s = await options.splits(seed);
    if (s.train.pairs.length === 0) throw new RangeError(`evaluateAugmentation: seed ${seed} has an empty training split.`);
    const fx = options.extractor(s.train, seed);
    const build = { generated: options.generated, ...(s.history ? { history: s.history } : {}) };
    const mats = {
      train: await fx.build(s.train.pairs, build),
      heldOut: await fx.build(s.heldOut.pairs, build),
      coldStart: await fx.build(s.coldStart.pairs, build),
    };
    if (perSeed.length === 0) {
      columns = { base: mats.train.baseColumns, augmented: mats.train.columns };
      sizes = { train: s.train.pairs.length, heldOut: s.heldOut.pairs.length, coldStart: s.coldStart.pairs.length };
    }
    const nBase = mats.train.baseColumns.length;
    const baseOnly = (m: FeatureMatrix): FeatureMatrix => ({ ...m, columns: m.baseColumns, generatedColumns: [], rows: m.rows.map((r) => r.subarray(0, nBase)) });
    const results: SeedResult['results'] = {};
    for (const factory of options.recommenders) {
      const entry = {} as SeedResult['results'][string];
      for (const variant of ['base', 'augmented'] as const) {
        const pick = (m: FeatureMatrix) => (variant === 'base' ? baseOnly(m) : m);
        const gen = variant === 'base' ? undefined : options.generated;
        const rec: Recommender = factory.create(seed);
        try {
          const trainM = pick(mats.train);
          await rec.fit({ rows: recRows(s.train, trainM, gen), labels: s.train.labels, columns: trainM.columns });
          const m = {} as Record<TestSplit, TestMetrics>;
          for (const split of SPLITS) {
            const set = s[split];
            if (set.pairs.length === 0) {
              m[split] = { auc: NaN, logLoss: NaN, ndcg: NaN, recall: NaN, rows: 0, queries: 0 };
              continue;
            }
            const p = await rec.predict(recRows(set, pick(mats[split]), gen));
            if (p.length !== set.pairs.length) throw new Error(`evaluateAugmentation: recommender "${rec.name}" returned ${p.length} predictions for ${set.pairs.length} rows.`);
            m[split] = testMetrics(p, set.labels, set.pairs.map((x) => x.cvId), k);
          }
          entry[variant] = m;
          options.onProgress?.({ seed, recommender: factory.name, variant, metrics: m });
        } finally {
          rec.dispose?.();
        }
      }
      results[factory.name] = entry;
    }
    perSeed.push({ seed, results, seconds: (Date.now() - t0) / 1000 });
  }
  const summary: AugmentationReport['summary'] = {};
  for (const f of options.recommenders) {
    const table = {} as SpreadTable;
    for (const split of SPLITS) {
      const row = (get: (r: SeedResult) => number) => meanStd(perSeed.map(get));
      const of = (variant: 'base' | 'augmented', metric: MetricName) => (r: SeedResult) => (r.results[f.name] as SeedResult['results'][string])[variant][split][metric];
      table[split] = {
        base: Object.fromEntries(METRICS.map((mt) => [mt, row(of('base', mt))])) as Record<MetricName, Spread>,
        augmented: Object.fromEntries(METRICS.map((mt) => [mt, row(of('augmented', mt))])) as Record<MetricName, Spread>,
        delta: Object.fromEntries(METRICS.map((mt) => [mt, row((r) => of('augmented', mt)(r) - of('base', mt)(r))])) as Record<MetricName, Spread>,
      };
    }
    summary[f.name] = table;
  }
  return { k, seeds: [...options.seeds], columns, summary, perSeed, sizes };
}

/**
 * A plain-text table of a report (one line per recommender × split × metric: base, augmented, delta as mean ± std).
 *
 * @example
 * ```ts
 * console.log(formatReport(report));
 * ```
 */
export function formatReport(report: AugmentationReport): string {
  const f = (s: Spread, d = 4) => `${s.mean.toFixed(d)} ± ${s.std.toFixed(d)}`;
  const lines = [`seeds ${report.seeds.join(', ')}; k = ${report.k}; rows train ${report.sizes.train}, held-out ${report.sizes.heldOut}, cold-start ${report.sizes.coldStart}`];
  lines.push('| recommender | split | metric | without generated JD | with generated JD | difference |', '| --- | --- | --- | --- | --- | --- |');
  for (const [name, t] of Object.entries(report.summary)) {
    for (const split of SPLITS) {
      for (const m of METRICS) {
        const r = t[split];
        const metric = m === 'ndcg' ? `NDCG@${report.k}` : m === 'recall' ? `Recall@${report.k}` : m === 'auc' ? 'AUC' : 'LogLoss';
        lines.push(`| ${name} | ${split === 'heldOut' ? 'held-out' : 'cold-start'} | ${metric} | ${f(r.base[m])} | ${f(r.augmented[m])} | ${r.delta[m].mean >= 0 ? '+' : ''}${f(r.delta[m])} |`);
      }
    }
  }
  return lines.join('\n');
}
