/**
 * The metrics moved to @girl/core (plain TypeScript, shared with @girl/feature-augment); these names
 * keep working.
 *
 * @deprecated import them from `@girl/core`.
 */
export { accuracy, auc, expectedCalibrationError, logLoss, pairwiseAccuracy, pairwiseComparisons, sigmoid } from '@girl/core';
export type { PairwiseResult } from '@girl/core';
