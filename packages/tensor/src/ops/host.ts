import * as tf from '@tensorflow/tfjs-core';

/**
 * True when the active backend keeps tensor data in this process's memory (`wasm`, `cpu`), so reading
 * it with `dataSync()` is a memcpy rather than a device round trip. Some ops take a host path there:
 * tfjs-wasm's `Slice` copies its whole input once per output (its `readSync` copies the heap), which
 * makes `split` into many parts quadratic, and its broadcasting `Equal` is slow.
 */
export function isHostBackend(): boolean {
  const name = tf.getBackend();
  return name === 'wasm' || name === 'cpu';
}
