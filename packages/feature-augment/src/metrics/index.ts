// AUC, log-loss and the ranking metrics live in @girl/core; re-exported here for this package's users.
export { auc, logLoss, meanOverGroups, ndcgAtK, recallAtK, sigmoid } from '@girl/core';
export { meanStd } from './summary.js';
export type { Spread } from './summary.js';
