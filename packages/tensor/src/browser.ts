/**
 * @girl/tensor for browsers (the package's `"browser"` export condition): the same tensors, ops, RL
 * helpers, seeded random tensors and safetensors codec as in Node, and an `initBackend` that tries webgpu, webgl,
 * wasm and cpu. Left out, because they need Node: the native addon, threaded wasm under worker_threads,
 * and everything that reads or writes files (checkpoints, `loadSafetensors`, atomic writes). Decode
 * fetched bytes with `decodeSafetensors` + `safetensorsEntriesToTensors` instead.
 *
 * Gradients are not registered here (inference needs none, and the registration is large); an app that
 * trains in a browser imports `@tensorflow/tfjs-core/dist/register_all_gradients` itself.
 * @packageDocumentation
 */
import * as tf from '@tensorflow/tfjs-core';

export { tf };
export type { Tensor, Tensor1D, Tensor2D, Tensor3D, Scalar, Variable, Rank, DataType, NamedTensorMap } from '@tensorflow/tfjs-core';
export { initBackend, activeBackend, BROWSER_BACKENDS } from './backend/init-backend-browser.js';
export type { BrowserBackendName, BrowserInitOptions } from './backend/init-backend-browser.js';
export type { InitBackendOptions, BackendInfo } from './backend/init-backend.js';
export { BACKEND_NAMES, isBackendName } from './backend/backend-name.js';
export type { BackendName } from './backend/backend-name.js';
export { BackendUnavailableError } from './backend/errors.js';
export { GpuOutOfMemoryError, assertGpuHealthy } from './backend/webgpu/gpu-health.js';
export * from './ops/index.js';
export * from './rl/index.js';
export * from './train/index.js';
export * from './random/index.js';
export { solveLinearSystem } from './linalg/solve.js';
export { float32ToFloat16, float16ToFloat32, bfloat16ToFloat32 } from './io/f16.js';
export { encodeSafetensors, decodeSafetensors, SafetensorsError } from './io/safetensors.js';
export type { SafetensorsDtype, SafetensorsData, SafetensorsEntry, DecodedSafetensors } from './io/safetensors.js';
export { tensorsToSafetensorsEntries, safetensorsEntriesToTensors } from './io/safetensors-tensors.js';
export type { SafetensorsFloatDtype } from './io/safetensors-tensors.js';
