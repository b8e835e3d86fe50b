/**
 * The `native` backend: tfjs's `wasm` backend (XNNPACK SIMD kernels for the element-wise work, tensor
 * data in wasm memory) with the kernels that dominate training replaced by GIRL's C++ addon
 * (multi-threaded SIMD GEMM in every transpose variant, batched; Sum over contiguous axes) plus fused kernels
 * of its own (GELU, layer norm and cross-entropy, forward and backward; see `fused-kernels.ts`). The addon reads and writes the tensors
 * in wasm memory in place: no copies.
 *
 * The kernels are swapped in tfjs's registry for the `wasm` backend while `native` is active and restored
 * when plain `wasm` is asked for again, so `tf.getBackend()` reports `'wasm'` in both modes; use
 * {@link nativeKernelsActive} (or `initBackend`'s result) to tell them apart.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NativeAddon } from './load-addon.js';
import { CACHED_ATTENTION, FUSED_KERNEL_NAMES, fusedKernels, nativeSum } from './fused-kernels.js';

type Info = tf.TensorInfo;

/** The parts of tfjs-wasm's backend object the native kernels use. */
interface WasmBackendLike {
  dataIdMap: { get(id: tf.DataId): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: tf.DataType): Info;
  typedArrayFromHeap(info: Info): Float32Array;
}

let active = false;
const originals = new Map<string, tf.KernelConfig>();

/** True while `initBackend('native')`'s kernels are installed on the wasm backend. */
export function nativeKernelsActive(): boolean {
  return active;
}

let installedAddon: NativeAddon | undefined;

/**
 * The addon whose kernels are installed, while they are active (else undefined). Ops reach the addon through
 * this rather than by loading it, so the browser build never imports the Node-only loader.
 */
export function activeNativeAddon(): NativeAddon | undefined {
  return active ? installedAddon : undefined;
}

function view(backend: WasmBackendLike, t: Info): Float32Array {
  return backend.typedArrayFromHeap(t);
}

/** BatchMatMul on the addon: batch dims equal, or one side's batch is 1 (else tfjs-wasm's kernel). */
function batchMatMul(addon: NativeAddon, fallback: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { inputs, attrs } = args;
    const backend = args.backend as unknown as WasmBackendLike;
    const { a, b } = inputs as { a: Info; b: Info };
    const { transposeA, transposeB } = attrs as unknown as { transposeA: boolean; transposeB: boolean };
    if (a.dtype !== 'float32' || b.dtype !== 'float32') return fallback(args);
    const ra = a.shape.length;
    const rb = b.shape.length;
    const m = a.shape[transposeA ? ra - 1 : ra - 2] as number;
    const k = a.shape[transposeA ? ra - 2 : ra - 1] as number;
    const k2 = b.shape[transposeB ? rb - 1 : rb - 2] as number;
    const n = b.shape[transposeB ? rb - 2 : rb - 1] as number;
    if (k !== k2) {
      throw new Error(`BatchMatMul: inner dimensions differ: [${a.shape}] and [${b.shape}] (transposeA=${transposeA}, transposeB=${transposeB})`);
    }
    const batchA = a.shape.slice(0, -2);
    const batchB = b.shape.slice(0, -2);
    const sizeA = batchA.reduce((x, y) => x * y, 1);
    const sizeB = batchB.reduce((x, y) => x * y, 1);
    let outBatch: number[];
    if (sizeA === sizeB) outBatch = batchA.length >= batchB.length ? batchA : batchB;
    else if (sizeA === 1) outBatch = batchB;
    else if (sizeB === 1) outBatch = batchA;
    else return fallback(args); // general broadcasting of batch dims: rare, leave it to tfjs
    const batch = Math.max(sizeA, sizeB);
    const out = backend.makeOutput([...outBatch, m, n], 'float32');
    // views are taken after makeOutput: allocating may grow (and so replace) wasm memory
    addon.gemm(transposeA, transposeB, batch, m, n, k, view(backend, a), sizeA === 1 ? 0 : m * k, view(backend, b), sizeB === 1 ? 0 : k * n, view(backend, out), m * n, false);
    return out;
  };
}

function swapKernel(kernelName: string, kernelFunc: tf.KernelFunc): void {
  const current = tf.getKernel(kernelName, 'wasm');
  if (!current) throw new Error(`internal: tfjs-wasm has no ${kernelName} kernel`);
  if (!originals.has(kernelName)) originals.set(kernelName, current);
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({ ...current, kernelFunc });
}

/** Installs the native kernels on the (already started) wasm backend. */
export function installNativeKernels(addon: NativeAddon): void {
  if (active) return;
  installedAddon = addon;
  const originalMatMul = originals.get('BatchMatMul') ?? tf.getKernel('BatchMatMul', 'wasm');
  const originalSum = originals.get('Sum') ?? tf.getKernel('Sum', 'wasm');
  if (!originalMatMul || !originalSum) throw new Error('internal: tfjs-wasm lacks BatchMatMul or Sum');
  swapKernel('BatchMatMul', batchMatMul(addon, originalMatMul.kernelFunc));
  swapKernel('Sum', nativeSum(addon, originalSum.kernelFunc));
  for (const config of fusedKernels(addon)) {
    if (!tf.getKernel(config.kernelName, 'wasm')) tf.registerKernel(config);
  }
  if (!tf.getGradient(CACHED_ATTENTION)) {
    tf.registerGradient({
      kernelName: CACHED_ATTENTION,
      gradFunc: () => {
        throw new Error('cachedAttention is for decoding and has no gradient on the native backend; train with causalSelfAttention.');
      },
    });
  }
  active = true;
}

/** Puts tfjs-wasm's own kernels back (when plain `wasm` is asked for after `native`). */
export function uninstallNativeKernels(): void {
  if (!active) return;
  for (const [name, config] of originals) {
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel(config);
  }
  for (const name of FUSED_KERNEL_NAMES) {
    if (tf.getKernel(name, 'wasm')) tf.unregisterKernel(name, 'wasm');
  }
  active = false;
}
