export { auc, logLoss, sigmoid } from '@girl/reward';
export { meanOverGroups, ndcgAtK, recallAtK } from './ranking.js';
export { meanStd } from './summary.js';
export type { Spread } from './summary.js';
