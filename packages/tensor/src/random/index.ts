export { randomNormalTensor, randomUniformTensor } from './random-tensor.js';
export { deviceUniformTensor } from './device-uniform.js';
