export { Rng } from './rng.js';
export type { RngState, RngSeed } from './rng.js';
export { randomNormalTensor, randomUniformTensor } from './random-tensor.js';
export { deviceUniformTensor } from './device-uniform.js';
