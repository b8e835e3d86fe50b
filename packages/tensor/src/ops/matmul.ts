import * as tf from '@tensorflow/tfjs-core';
import { customOp } from './custom-op.js';
import { hasFastBatchedMatMul } from './host.js';

/*
 * The wasm path of {@link matmul}.
 *
 * tfjs-wasm runs a plain (non-transposed, non-batched) 2-D matMul through XNNPACK at ~29 GFLOP/s on one
 * core, but falls to 1–2 GFLOP/s with `transposeA`/`transposeB`, which tfjs's own matMul gradient uses.
 * This op computes the gradients with explicit transposes and plain matMuls instead:
 * `da = dy @ bᵀ`, `db = aᵀ @ dy`.
 */
const wasmMatmul = customOp<[tf.Tensor, tf.Tensor], tf.Tensor2D>((a, b, save) => {
  if (a.rank !== 2 || b.rank !== 2) {
    throw new Error(`matmul expects 2-D tensors, got shapes [${a.shape}] and [${b.shape}]; reshape first or use linear()`);
  }
  if (a.shape[1] !== b.shape[0]) {
    throw new Error(`matmul: inner dimensions differ: [${a.shape}] @ [${b.shape}]`);
  }
  save([a, b]);
  return {
    value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(sb)), tf.matMul(tf.transpose(sa), dy as tf.Tensor2D)];
    },
  };
});

/**
 * 2-D matrix product `a @ b` whose forward AND gradient stay on the backend's fast path: on wasm and
 * cpu the gradient uses explicit transposes and plain matMuls (see above); on backends whose transposed
 * matMul is fast (`native`, tfjs-node, GPUs) it is tfjs's own `matMul` and gradient.
 *
 * @example
 * ```ts
 * const y = matmul(tf.ones([4, 3]), tf.ones([3, 2])); // [4, 2], every entry 3
 * ```
 */
export function matmul(a: tf.Tensor, b: tf.Tensor): tf.Tensor2D {
  if (hasFastBatchedMatMul()) {
    if (a.rank !== 2 || b.rank !== 2) {
      throw new Error(`matmul expects 2-D tensors, got shapes [${a.shape}] and [${b.shape}]; reshape first or use linear()`);
    }
    if (a.shape[1] !== b.shape[0]) throw new Error(`matmul: inner dimensions differ: [${a.shape}] @ [${b.shape}]`);
    return tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D);
  }
  return wasmMatmul(a, b);
}

/**
 * A dense layer `x @ w + b` for `x` of any rank: `[..., C] @ [C, D] (+ [D]) → [..., D]`, computed as one
 * 2-D {@link matmul} (fast on wasm, forward and backward).
 *
 * @example
 * ```ts
 * const x = tf.randomNormal([8, 128, 64]);           // [B, T, C]
 * const y = linear(x, tf.randomNormal([64, 256]));   // [B, T, 256]
 * ```
 */
export function linear(x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor): tf.Tensor {
  const c = x.shape[x.rank - 1];
  if (w.rank !== 2 || w.shape[0] !== c) {
    throw new Error(`linear: weight must be [${c}, D] for input [${x.shape}], got [${w.shape}]`);
  }
  if (b && (b.rank !== 1 || b.shape[0] !== w.shape[1])) {
    throw new Error(`linear: bias must be [${w.shape[1]}], got [${b.shape}]`);
  }
  const lead = x.shape.slice(0, -1);
  const x2 = x.rank === 2 ? x : tf.reshape(x, [-1, c as number]);
  let y: tf.Tensor = matmul(x2, w);
  if (b) y = tf.add(y, b);
  return x.rank === 2 ? y : tf.reshape(y, [...lead, w.shape[1] as number]);
}

/**
 * Projects `x` with a fused `[C, parts·D]` weight into `parts` outputs of width `D` (e.g. q, k, v), as
 * `parts` separate {@link linear}s over column blocks of the weight. Splitting the small weight instead of
 * the large `[B·T, parts·D]` product avoids a strided copy of the activations (slow on wasm), with the
 * same FLOPs and the same result. With few rows (≤ 64, as in decoding) the product is the small side, so
 * it is computed whole and split.
 *
 * @example
 * ```ts
 * const [q, k, v] = linearSplit(h, wqkv, bqkv, 3); // each [B, T, C]
 * ```
 */
export function linearSplit(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor | undefined, parts: number): tf.Tensor[] {
  const width = w.shape[1] as number;
  if (width % parts !== 0) throw new Error(`linearSplit: weight width ${width} is not divisible by ${parts}`);
  const rows = x.size / (x.shape[x.rank - 1] as number);
  if (rows <= 64) return tf.split(linear(x, w, b), parts, -1); // few rows (decoding): the output is the small side
  const ws = tf.split(w, parts, 1);
  const bs = b ? tf.split(b, parts, 0) : [];
  return ws.map((wi, i) => linear(x, wi, bs[i]));
}
