export { matmul, linear, linearSplit } from './matmul.js';
export { embedding } from './embedding.js';
export { gelu } from './gelu.js';
export { layerNorm } from './layer-norm.js';
export { crossEntropy } from './cross-entropy.js';
export { softmax, logSoftmax } from './softmax.js';
export { causalSelfAttention, cachedAttention, causalMask, splitHeads, mergeHeads } from './attention.js';
export type { AttentionOptions, AttentionImpl } from './attention.js';
