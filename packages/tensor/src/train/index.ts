export { AdamW } from './adamw.js';
export type { AdamWConfig, AdamWState, AdamWStateConfig } from './adamw.js';
export { constantLr, linearWarmup, warmupCosine } from './schedule.js';
export type { LrSchedule, LinearWarmupConfig, WarmupCosineConfig } from './schedule.js';
export { clipGradNorm, clipGradNormAsync } from './clip-grad-norm.js';
export type { ClipGradNormOptions, ClipGradNormResult } from './clip-grad-norm.js';
export { GradAccumulator } from './grad-accumulator.js';
