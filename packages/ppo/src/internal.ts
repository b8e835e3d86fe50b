/**
 * @girl/ppo/internal — the helpers the trainer is built from that its public API does not need: host-side
 * masked statistics and advantage scaling, row slicing of a padded batch, the differentiable response
 * forward pass and the metrics file. For research and tests; they may change in any release (not covered
 * by semver). Everything here is also reachable through the trainer's documented behaviour.
 * @packageDocumentation
 */
export { maskedMeanHost, maskedVarHost, scaleByStd, scaleNegatives } from './whiten.js';
export { lastRealIndex } from './sequences.js';
export { forwardResponse, rowTensors } from './response-log-probs.js';
export type { RowTensors } from './response-log-probs.js';
export { openMetricsFile } from './metrics.js';
export { greedyBaseline } from './greedy-baseline.js';
export type { GreedyBaseline } from './greedy-baseline.js';
