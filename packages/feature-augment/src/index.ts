/**
 * @girl/feature-augment — GIRL's payoff: generated JDs as extra features for existing job recommenders.
 * Cached JD generation for CVs, text and embedding similarity features, baseline recommenders (logistic
 * regression and a PJFNN-style text model) behind one adapter interface, grounding in real jobs, and
 * with/without evaluation (AUC, LogLoss, NDCG@k, Recall@k) on held-out and cold-start splits over seeds.
 *
 * This entry is the public API. The metrics, TF-IDF and BM25 are @girl/core's (import them from there);
 * implementation helpers and the old re-exports of those names live in `@girl/feature-augment/internal`,
 * outside the semver promise.
 * @packageDocumentation
 */
import { version } from '../package.json';

/** This package's version, taken from its package.json when it is built (the bundler inlines it). */
export const VERSION: string = version;

export { meanStd } from './metrics/summary.js';
export type { Spread } from './metrics/summary.js';
export { cosine, skillOverlap } from './features/similarity.js';
export type { SkillOverlap } from './features/similarity.js';
export { FeatureExtractor, selectColumns } from './features/feature-extractor.js';
export type { BuildOptions, CandidatePair, EmbedFn, FeatureExtractorOptions, FeatureMatrix, PairScoreFn } from './features/feature-extractor.js';
export { LogisticRegression } from './recommenders/logistic-regression.js';
export type { LogisticRegressionOptions } from './recommenders/logistic-regression.js';
export { featureRecommender, logisticRecommender } from './recommenders/recommender.js';
export type { FeatureModel, RecRow, RecTrainSet, Recommender, RecommenderFactory } from './recommenders/recommender.js';
export { marketSplits } from './data/market-splits.js';
export type { AugmentationSplits, LabelledSet, MarketSplitOptions } from './data/market-splits.js';
export { evaluateAugmentation, formatReport, testMetrics } from './eval/evaluate.js';
export type { AugmentationReport, EvaluateAugmentationOptions, MetricName, SeedResult, SpreadTable, TestMetrics, TestSplit } from './eval/evaluate.js';
export { evaluateMarketAugmentation, oracleGenerateFn } from './eval/market-augmentation.js';
export type { MarketAugmentationOptions, MarketAugmentationResult } from './eval/market-augmentation.js';
export { JdCache } from './cache/jd-cache.js';
export type { GenerateFn, JdCacheOptions, JdCacheProgress } from './cache/jd-cache.js';
export { fingerprintModel, generatorFn } from './generation/generator-fn.js';
export { embedTexts, gptEmbedder, rewardScorer } from './generation/embed.js';
export type { EmbedOptions } from './generation/embed.js';
export { PjfnnModel, pjfnnRecommender } from './recommenders/pjfnn.js';
export type { PjfnnOptions } from './recommenders/pjfnn.js';
export { JobIndex } from './grounding/job-index.js';
export type { IndexedJob, JobIndexOptions, JobIndexScoring, JobMatch } from './grounding/job-index.js';
export { MlpClassifier, mlpRecommender } from './recommenders/mlp.js';
export type { MlpOptions } from './recommenders/mlp.js';
