/**
 * @girl/tensor — GIRL's one tensor layer, the only package that imports TensorFlow.js.
 *
 * - `initBackend()` picks and starts a backend (wasm by default in Node, tfjs-node where installed).
 * - `tf` is TensorFlow.js's core API (functional ops, `tidy`, `variable`, `customGrad`, …).
 * - The fast ops (`linear`, `embedding`, `causalSelfAttention`, `layerNorm`, `gelu`, `crossEntropy`, …)
 *   keep the forward pass and the gradient on each backend's fast path.
 *
 * This entry is the public API. Attention's reshaping helpers and mask, the half-float bit codecs and the
 * file-format constants live in `@girl/tensor/internal`, outside the semver promise, beside the old
 * re-exports of `Rng` and the atomic writers, which belong to `@girl/core` (import them from there).
 * @packageDocumentation
 */
import * as tf from '@tensorflow/tfjs-core';

export { tf };
export type { Tensor, Tensor1D, Tensor2D, Tensor3D, Scalar, Variable, Rank, DataType, NamedTensorMap } from '@tensorflow/tfjs-core';
export * from './backend/index.js';
export * from './ops/index.js';
export * from './rl/index.js';
export * from './train/index.js';
// Node only (the loop reads and writes checkpoints and metrics files): the shared training loop and the
// gradient step every trainer uses
export { runTrainingLoop } from './train/training-loop.js';
export { loopOptions } from './train/loop-options.js';
export type { SharedLoopConfig } from './train/loop-options.js';
export type {
  EpochData, Evaluation, LoadedTrainingCheckpoint, MicroBatchLoss, StepSummary, TrainingLoopOptions, TrainingLoopResult, TrainingLoopState, TrainingTask,
} from './train/training-loop.js';
export { applyGradients, clipGradients } from './train/apply-gradients.js';
export type { ApplyGradientsOptions } from './train/apply-gradients.js';
export * from './io/index.js';
export * from './random/index.js';
export { solveLinearSystem } from './linalg/solve.js';
