/**
 * @girl/reward/internal — what the reward model and its trainer are built from but their users do not
 * call: the pair encoding (`<|bos|> <|cv|> … <|eos|>` with the shared length budget, batching and pooling
 * weights), the format names and versions of saved models and trainer state, the wide head's feature count
 * and scale, the recruiter screen's career-stage readers, and the word count behind "longer CV wins". It
 * also keeps the metrics and TF-IDF this package once re-exported from @girl/core, so that old imports work;
 * import them from `@girl/core`. For tests and research scripts; any release may change them (not covered
 * by semver).
 * @packageDocumentation
 */
export { RM_TEMPLATE_OVERHEAD, collateRm, encodeRmPair, poolingWeights, rmTemplateIds, splitBudget } from './model/encode.js';
export { RM_FORMAT, RM_FORMAT_VERSION } from './model/reward-model.js';
export { REWARD_TRAINER_STATE_VERSION } from './train/checkpoint.js';
export { LEXICAL_FEATURE_COUNT, LEXICAL_SCALE, lexicalFeatureCount } from './model/lexical.js';
export { cvLevel, jdLevel, levelForYears } from './model/screen.js';
export { countWords } from './baselines/length.js';
export * from './metrics/index.js';
export { fitTfidf, tfidfCosine, tfidfFromJSON, tfidfTokens } from './baselines/index.js';
export type { TfidfJson, TfidfModel } from './baselines/index.js';
