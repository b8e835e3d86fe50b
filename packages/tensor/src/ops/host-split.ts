import * as tf from '@tensorflow/tfjs-core';
import { isHostBackend } from './host.js';

/**
 * Splits `x` into `parts` equal pieces along axis 0, without a gradient (for use inside custom ops).
 *
 * On host backends (wasm, cpu) the input is read once and each piece copied out of that copy: tfjs-wasm's
 * own `split` re-reads (copies) the whole input for every piece, which is quadratic in `parts`.
 */
export function hostSplit(x: tf.Tensor, parts: number): tf.Tensor[] {
  const n = x.shape[0] as number;
  if (!Number.isInteger(parts) || parts < 1 || n % parts !== 0) {
    throw new Error(`hostSplit: cannot split ${n} rows of [${x.shape}] into ${parts} equal parts`);
  }
  if (!isHostBackend()) return tf.split(x, parts, 0);
  const rest = x.shape.slice(1);
  const stride = x.size / parts;
  const data = x.dataSync() as Float32Array;
  return Array.from({ length: parts }, (_, i) => tf.tensor(data.subarray(i * stride, (i + 1) * stride), [n / parts, ...rest], x.dtype));
}
