import { describe, expect, it } from 'vitest';
import * as api from './index.js';
import * as internal from './internal.js';

describe('public surface', () => {
  it('the main entry holds the cache, features, recommenders, evaluation and grounding the README documents', () => {
    const documented = [
      'VERSION', 'JdCache', 'generatorFn', 'fingerprintModel', 'FeatureExtractor', 'selectColumns', 'cosine', 'skillOverlap', 'embedTexts',
      'gptEmbedder', 'rewardScorer', 'LogisticRegression', 'logisticRecommender', 'featureRecommender', 'MlpClassifier', 'mlpRecommender',
      'PjfnnModel', 'pjfnnRecommender', 'evaluateAugmentation', 'evaluateMarketAugmentation', 'oracleGenerateFn', 'formatReport',
      'testMetrics', 'marketSplits', 'meanStd', 'JobIndex',
    ];
    for (const name of documented) expect(api, name).toHaveProperty(name);
  });

  it('implementation helpers and the @girl/core re-exports are only in @girl/feature-augment/internal', () => {
    expect(Object.keys(internal).sort()).toEqual([
      'JD_CACHE_VERSION', 'WordVocab', 'auc', 'fitBm25', 'fitTfidf', 'logLoss', 'logisticLossAndGrad', 'meanOverGroups', 'ndcgAtK',
      'recallAtK', 'sigmoid', 'tfidfTokens',
    ]);
    const pub = new Set(Object.keys(api));
    for (const name of Object.keys(internal)) expect(pub.has(name), `${name} is internal`).toBe(false);
  });
});
