export { logProbOfLabels, entropyFromLogits } from './log-probs.js';
export { maskedMean, maskedVar, maskedWhiten } from './masked.js';
