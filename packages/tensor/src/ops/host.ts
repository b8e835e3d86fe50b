import * as tf from '@tensorflow/tfjs-core';
import { nativeKernelsActive } from '../backend/native/native-backend.js';

/**
 * True when the active backend keeps tensor data in this process's memory (`wasm`, `cpu`; also `native`, which is wasm with GIRL's kernels), so reading
 * it with `dataSync()` is a memcpy rather than a device round trip. Some ops take a host path there:
 * tfjs-wasm's `Slice` copies its whole input once per output (its `readSync` copies the heap), which
 * makes `split` into many parts quadratic, and its broadcasting `Equal` is slow.
 */
export function isHostBackend(): boolean {
  const name = tf.getBackend();
  return name === 'wasm' || name === 'cpu';
}

/**
 * True when the active backend's own matMul is fast with transpose flags and batches (`native`,
 * tfjs-node, GPU backends), so ops should not route around them as they must on wasm.
 */
export function hasFastBatchedMatMul(): boolean {
  const name = tf.getBackend();
  return nativeKernelsActive() || (name !== 'wasm' && name !== 'cpu');
}
