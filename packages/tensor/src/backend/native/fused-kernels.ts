/**
 * GIRL's fused kernels, registered under their own kernel names for the wasm backend while `native` is
 * active, and run through `tf.engine().runKernel` (so tidy, profiling and memory tracking see them).
 * The ops in `src/ops` call them only when {@link nativeKernelsActive}.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { NativeAddon } from './load-addon.js';

type Info = tf.TensorInfo;

/** The parts of tfjs-wasm's backend object the native kernels use. */
export interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): Info;
  typedArrayFromHeap(info: Info): Float32Array | Int32Array | Uint8Array;
}

export const GELU = 'GirlGelu';
export const GELU_GRAD = 'GirlGeluGrad';
export const CROSS_ENTROPY = 'GirlCrossEntropy';
export const LAYER_NORM = 'GirlLayerNorm';
export const LAYER_NORM_GRAD = 'GirlLayerNormGrad';
export const CACHED_ATTENTION = 'GirlCachedAttention';
export const ADAMW = 'GirlAdamW';

/** Every kernel name this module registers. */
export const FUSED_KERNEL_NAMES = [GELU, GELU_GRAD, CROSS_ENTROPY, LAYER_NORM, LAYER_NORM_GRAD, CACHED_ATTENTION, ADAMW] as const;

const f32 = (b: WasmBackendLike, t: Info) => b.typedArrayFromHeap(t) as Float32Array;
const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Kernel configs of the fused ops, bound to an addon. */
export function fusedKernels(addon: NativeAddon): tf.KernelConfig[] {
  const k = (kernelName: string, kernelFunc: (args: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: WasmBackendLike }) => Info | Info[]): tf.KernelConfig => ({
    kernelName,
    backendName: 'wasm',
    kernelFunc: kernelFunc as unknown as tf.KernelFunc,
  });
  return [
    k(GELU, ({ inputs, backend }) => {
      const x = inputs.x as Info;
      const y = backend.makeOutput(x.shape, 'float32');
      addon.geluForward(f32(backend, x), f32(backend, y));
      return y;
    }),
    k(GELU_GRAD, ({ inputs, backend }) => {
      const { x, dy } = inputs as { x: Info; dy: Info };
      const dx = backend.makeOutput(x.shape, 'float32');
      addon.geluBackward(f32(backend, x), f32(backend, dy), f32(backend, dx));
      return dx;
    }),
    k(CROSS_ENTROPY, ({ inputs, backend }) => {
      const { logits, labels, weights } = inputs as { logits: Info; labels: Info; weights: Info };
      const [rows, cols] = logits.shape as [number, number];
      const loss = backend.makeOutput([rows], 'float32');
      const grad = backend.makeOutput([rows, cols], 'float32');
      addon.crossEntropyForward(f32(backend, logits), backend.typedArrayFromHeap(labels) as Int32Array, f32(backend, weights), f32(backend, loss), f32(backend, grad), rows, cols);
      return [loss, grad];
    }),
    k(LAYER_NORM, ({ inputs, attrs, backend }) => {
      const { x, gain, bias } = inputs as { x: Info; gain: Info; bias: Info };
      const [rows, cols] = x.shape as [number, number];
      const y = backend.makeOutput([rows, cols], 'float32');
      const mean = backend.makeOutput([rows], 'float32');
      const rstd = backend.makeOutput([rows], 'float32');
      addon.layerNormForward(f32(backend, x), f32(backend, gain), f32(backend, bias), (attrs as { eps: number }).eps, f32(backend, y), f32(backend, mean), f32(backend, rstd), rows, cols);
      return [y, mean, rstd];
    }),
    k(LAYER_NORM_GRAD, ({ inputs, backend }) => {
      const { dy, x, gain, mean, rstd } = inputs as { dy: Info; x: Info; gain: Info; mean: Info; rstd: Info };
      const [rows, cols] = x.shape as [number, number];
      const dx = backend.makeOutput([rows, cols], 'float32');
      const dgain = backend.makeOutput([cols], 'float32');
      const dbias = backend.makeOutput([cols], 'float32');
      addon.layerNormBackward(f32(backend, dy), f32(backend, x), f32(backend, gain), f32(backend, mean), f32(backend, rstd), f32(backend, dx), f32(backend, dgain), f32(backend, dbias), rows, cols);
      return [dx, dgain, dbias];
    }),
    k(ADAMW, ({ inputs, attrs, backend }) => {
      const { param, grad, m, v } = inputs as { param: Info; grad: Info; m: Info; v: Info };
      const h = attrs as { beta1: number; beta2: number; eps: number; stepSize: number; sqrtBias2: number; decay: number };
      const pOut = backend.makeOutput(param.shape, 'float32');
      const mOut = backend.makeOutput(param.shape, 'float32');
      const vOut = backend.makeOutput(param.shape, 'float32');
      addon.adamwUpdate(f32(backend, param), f32(backend, grad), f32(backend, m), f32(backend, v), f32(backend, pOut), f32(backend, mOut), f32(backend, vOut), h.beta1, h.beta2, h.eps, h.stepSize, h.sqrtBias2, h.decay);
      return [pOut, mOut, vOut];
    }),
    k(CACHED_ATTENTION, ({ inputs, attrs, backend }) => {
      const { q, k: keys, v, keyMask } = inputs as { q: Info; k: Info; v: Info; keyMask?: Info };
      const [b, tq, c] = q.shape as [number, number, number];
      const tk = keys.shape[1] as number;
      const heads = (attrs as { heads: number }).heads;
      const out = backend.makeOutput([b, tq, c], 'float32');
      addon.cachedAttention(f32(backend, q), f32(backend, keys), f32(backend, v), keyMask ? f32(backend, keyMask) : null, f32(backend, out), b, tq, tk, heads, c / heads);
      return out;
    }),
  ];
}

/** Sum over a contiguous block of axes on the addon; anything else (non-float, scattered axes) falls back. */
export function nativeSum(addon: NativeAddon, fallback: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const x = args.inputs.x as Info;
    const { axis, keepDims } = args.attrs as unknown as { axis: number | number[]; keepDims: boolean };
    const backend = args.backend as unknown as WasmBackendLike;
    if (x.dtype !== 'float32' || x.shape.length === 0) return fallback(args);
    const rank = x.shape.length;
    const axes = [...new Set((Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
    if (axes.length === 0 || axes.some((a, i) => a !== (axes[0] as number) + i || a >= rank)) return fallback(args);
    const first = axes[0] as number;
    const last = axes[axes.length - 1] as number;
    const outer = size(x.shape.slice(0, first));
    const reduce = size(x.shape.slice(first, last + 1));
    const inner = size(x.shape.slice(last + 1));
    const outShape = keepDims ? x.shape.map((d, i) => (i >= first && i <= last ? 1 : d)) : x.shape.filter((_, i) => i < first || i > last);
    const out = backend.makeOutput(outShape, 'float32');
    addon.reduceSum(f32(backend, x), f32(backend, out), outer, reduce, inner);
    return out;
  };
}
