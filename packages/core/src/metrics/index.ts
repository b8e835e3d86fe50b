export { accuracy, auc, logLoss, sigmoid } from './classification.js';
export { expectedCalibrationError } from './calibration.js';
export { pairwiseAccuracy, pairwiseComparisons } from './pairwise.js';
export type { PairwiseResult } from './pairwise.js';
export { meanOverGroups, ndcgAtK, recallAtK } from './ranking.js';
