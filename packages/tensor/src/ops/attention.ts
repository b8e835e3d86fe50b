import * as tf from '@tensorflow/tfjs-core';
import { hasFastBatchedMatMul } from './host.js';
import { nativeKernelsActive } from '../backend/native/native-backend.js';
import { CACHED_ATTENTION } from '../backend/native/fused-kernels.js';
import { slicedAttention } from './sliced-attention.js';

/** How attention's per-head products are computed; see {@link causalSelfAttention}. */
export type AttentionImpl = 'sliced' | 'batched';

/** Options for {@link causalSelfAttention}. */
export interface AttentionOptions {
  /**
   * Key padding mask `[B, T]`: 1 where a key may be attended to, 0 for padding (left-padded batches).
   * Default: none (every key up to the query's position is visible).
   */
  keyMask?: tf.Tensor;
  /**
   * `'sliced'`: one fused op that runs a plain 2-D matmul per (batch, head), forward and backward, which
   * keeps wasm on XNNPACK's fast path (tfjs-wasm's batched matMul runs at ~2 GFLOP/s); `'batched'`: tfjs's
   * batched 3-D matMul, fast on tfjs-node and WebGL. Default: `'sliced'` on wasm and cpu, else `'batched'` (native, tfjs-node, GPUs).
   */
  impl?: AttentionImpl;
}

const NEG = -1e9;
const causalCache = new Map<number, tf.Tensor2D>();

/** Additive causal mask `[T, T]`: 0 on and below the diagonal, −1e9 above. Cached per `T`. */
export function causalMask(t: number): tf.Tensor2D {
  let m = causalCache.get(t);
  if (!m || m.isDisposed) {
    const data = new Float32Array(t * t);
    for (let i = 0; i < t; i++) for (let j = i + 1; j < t; j++) data[i * t + j] = NEG;
    m = tf.keep(tf.tensor2d(data, [t, t]));
    causalCache.set(t, m);
  }
  return m;
}

/** `[B, T, H·hd] → [B·H, T, hd]` */
export function splitHeads(x: tf.Tensor, nHead: number): tf.Tensor3D {
  const [b, t, c] = x.shape as [number, number, number];
  const hd = c / nHead;
  return tf.reshape(tf.transpose(tf.reshape(x, [b, t, nHead, hd]), [0, 2, 1, 3]), [b * nHead, t, hd]);
}

/** `[B·H, T, hd] → [B, T, H·hd]` */
export function mergeHeads(x: tf.Tensor, nHead: number): tf.Tensor3D {
  const [bh, t, hd] = x.shape as [number, number, number];
  const b = bh / nHead;
  return tf.reshape(tf.transpose(tf.reshape(x, [b, nHead, t, hd]), [0, 2, 1, 3]), [b, t, nHead * hd]);
}

/** Additive key-padding mask `[B, 1, Tk]` from a 0/1 mask `[B, Tk]`. */
function additiveKeyMask(keyMask: tf.Tensor): tf.Tensor {
  const [b, tk] = keyMask.shape as [number, number];
  return tf.reshape(tf.mul(tf.sub(1, tf.cast(keyMask, 'float32')), NEG), [b, 1, tk]);
}

/**
 * Causal multi-head self-attention over already-projected queries, keys and values.
 *
 * @param q `[B, T, C]` queries (C = nHead · headDim)
 * @param k `[B, T, C]` keys
 * @param v `[B, T, C]` values
 * @param nHead number of heads; must divide C
 * @returns `[B, T, C]` the attended values, heads merged (apply the output projection after this)
 * @example
 * ```ts
 * const [q, k, v] = tf.split(linear(x, wqkv, bqkv), 3, -1); // each [B, T, C]
 * const y = causalSelfAttention(q, k, v, 4);               // [B, T, C]
 * ```
 */
export function causalSelfAttention(
  q: tf.Tensor,
  k: tf.Tensor,
  v: tf.Tensor,
  nHead: number,
  options: AttentionOptions = {},
): tf.Tensor3D {
  if (q.rank !== 3) throw new Error(`causalSelfAttention: q must be [B, T, C], got [${q.shape}]`);
  const [b, t, c] = q.shape as [number, number, number];
  if (c % nHead !== 0) throw new Error(`causalSelfAttention: C=${c} is not divisible by nHead=${nHead}`);
  if (!sameShape(k, q) || !sameShape(v, q)) {
    throw new Error(`causalSelfAttention: q, k, v must share a shape, got [${q.shape}], [${k.shape}], [${v.shape}]`);
  }
  const hd = c / nHead;
  const scale = 1 / Math.sqrt(hd);
  const qh = splitHeads(q, nHead); // [BH, T, hd]
  const kh = splitHeads(k, nHead);
  const vh = splitHeads(v, nHead);
  const causal = causalMask(t);
  const padMask = options.keyMask ? additiveKeyMask(options.keyMask) : undefined; // [B, 1, T]
  let out: tf.Tensor3D;
  const impl = options.impl ?? (hasFastBatchedMatMul() ? 'batched' : 'sliced');
  if (impl === 'batched') {
    let att = tf.mul(tf.matMul(qh, kh, false, true), scale); // [BH, T, T]
    att = tf.add(att, causal);
    if (padMask) {
      const att4 = tf.add(tf.reshape(att, [b, nHead, t, t]), tf.reshape(padMask, [b, 1, 1, t]));
      att = tf.reshape(att4, [b * nHead, t, t]);
    }
    out = tf.matMul(tf.softmax(att), vh); // [BH, T, hd]
  } else {
    let mask: tf.Tensor = causal; // [T, T]
    if (padMask) {
      const perRow = tf.add(tf.reshape(causal, [1, 1, t, t]), tf.reshape(padMask, [b, 1, 1, t])); // [B, 1, T, T]
      mask = tf.reshape(tf.tile(perRow, [1, nHead, 1, 1]), [b * nHead, t, t]);
    }
    out = slicedAttention(qh, kh, vh, mask, scale) as tf.Tensor3D;
  }
  return mergeHeads(out, nHead);
}

/**
 * Attention of new queries over a key/value cache, for decoding with a KV cache. No matmul: for the
 * usual one-token step the scores are an element-wise product and a sum, which every backend does fast;
 * on the `native` backend it is one fused kernel (inference only: it has no gradient there).
 *
 * @param q `[B, Tq, C]` queries for the newest `Tq` positions (Tq = 1 when decoding token by token)
 * @param kCache `[B, Tk, C]` all keys so far, the newest `Tq` last
 * @param vCache `[B, Tk, C]` all values so far
 * @param nHead number of heads
 * @param keyMask optional `[B, Tk]` 0/1 mask of keys that exist (0 for left padding)
 * @returns `[B, Tq, C]`
 */
export function cachedAttention(
  q: tf.Tensor,
  kCache: tf.Tensor,
  vCache: tf.Tensor,
  nHead: number,
  keyMask?: tf.Tensor,
): tf.Tensor3D {
  const [b, tq, c] = q.shape as [number, number, number];
  const tk = kCache.shape[1] as number;
  if (tq > tk) throw new Error(`cachedAttention: ${tq} queries but only ${tk} cached keys; the cache must include the new positions`);
  if (c % nHead !== 0) throw new Error(`cachedAttention: C=${c} is not divisible by nHead=${nHead}`);
  if (nativeKernelsActive() && q.dtype === 'float32') {
    const inputs: Record<string, tf.Tensor> = { q, k: kCache, v: vCache };
    if (keyMask) inputs.keyMask = tf.cast(keyMask, 'float32');
    return tf.engine().runKernel(CACHED_ATTENTION, inputs, { heads: nHead }) as tf.Tensor3D;
  }
  const hd = c / nHead;
  const scale = 1 / Math.sqrt(hd);
  const qh = tf.reshape(q, [b, tq, 1, nHead, hd]); // [B, Tq, 1, H, hd]
  const kh = tf.reshape(kCache, [b, 1, tk, nHead, hd]); // [B, 1, Tk, H, hd]
  let scores = tf.mul(tf.sum(tf.mul(qh, kh), -1), scale); // [B, Tq, Tk, H]
  // query i (absolute position tk - tq + i) may see keys 0..tk - tq + i
  if (tq > 1) {
    const data = new Float32Array(tq * tk);
    for (let i = 0; i < tq; i++) for (let j = tk - tq + i + 1; j < tk; j++) data[i * tk + j] = NEG;
    scores = tf.add(scores, tf.tensor4d(data, [1, tq, tk, 1]));
  }
  if (keyMask) scores = tf.add(scores, tf.reshape(additiveKeyMask(keyMask), [b, 1, tk, 1]));
  const probs = tf.softmax(tf.transpose(scores, [0, 1, 3, 2])); // [B, Tq, H, Tk]
  const pv = tf.reshape(tf.transpose(probs, [0, 1, 3, 2]), [b, tq, tk, nHead, 1]); // [B, Tq, Tk, H, 1]
  const vh = tf.reshape(vCache, [b, 1, tk, nHead, hd]);
  return tf.reshape(tf.sum(tf.mul(pv, vh), 2), [b, tq, c]);
}

function sameShape(a: tf.Tensor, b: tf.Tensor): boolean {
  return a.rank === b.rank && a.shape.every((d, i) => d === b.shape[i]);
}
