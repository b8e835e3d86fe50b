/**
 * @girl/feature-augment/internal — pieces of the package that its users do not call: the loss and
 * gradient behind `LogisticRegression` (exported for the gradient check), the word vocabulary of the
 * PJFNN-style model, the format version of `JdCache` files, and the metrics, TF-IDF and BM25 this package
 * once re-exported from @girl/core (import them from `@girl/core`; they stay here so that old imports
 * keep working). For tests and research scripts; any release may change them (not covered by semver).
 * @packageDocumentation
 */
export { logisticLossAndGrad } from './recommenders/logistic-regression.js';
export { WordVocab } from './recommenders/word-vocab.js';
export { JD_CACHE_VERSION } from './cache/jd-cache.js';
export { auc, logLoss, meanOverGroups, ndcgAtK, recallAtK, sigmoid } from './metrics/index.js';
export { fitBm25, fitTfidf, tfidfTokens } from '@girl/core';
export type { Bm25Model, Bm25Options, TfidfModel } from '@girl/core';
