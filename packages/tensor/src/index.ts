/**
 * @girl/tensor — GIRL's one tensor layer, the only package that imports TensorFlow.js.
 *
 * - `initBackend()` picks and starts a backend (wasm by default in Node, tfjs-node where installed).
 * - `tf` is TensorFlow.js's core API (functional ops, `tidy`, `variable`, `customGrad`, …).
 * - The fast ops (`linear`, `embedding`, `causalSelfAttention`, `layerNorm`, `gelu`, `crossEntropy`, …)
 *   keep the forward pass and the gradient on each backend's fast path.
 * @packageDocumentation
 */
import * as tf from '@tensorflow/tfjs-core';

export { tf };
export type { Tensor, Tensor1D, Tensor2D, Tensor3D, Scalar, Variable, Rank, DataType, NamedTensorMap } from '@tensorflow/tfjs-core';
export * from './backend/index.js';
export * from './ops/index.js';
export * from './rl/index.js';
export * from './train/index.js';
export * from './io/index.js';
export * from './random/index.js';
export { solveLinearSystem } from './linalg/solve.js';
