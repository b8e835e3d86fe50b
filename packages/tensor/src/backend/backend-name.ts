/**
 * The backends @girl/tensor can run on.
 *
 * - `wasm`: TensorFlow.js's WebAssembly backend (XNNPACK, SIMD). The default in Node: ~29 GFLOP/s on a
 *   plain 2-D matmul per core, and it can use several cores (see `threads`).
 * - `native`: GIRL's C++ addon (built at install time where a compiler exists): tfjs's `cpu` backend with
 *   the hot kernels (matmul in every transpose variant, batched matmul) replaced by multi-threaded SIMD code.
 * - `cpu`: TensorFlow.js's plain-JavaScript backend. Slow (< 1 GFLOP/s) but has every kernel; used as the
 *   reference in tests.
 * - `tensorflow`: `@tensorflow/tfjs-node` (libtensorflow, CPU). Optional peer dependency.
 * - `tensorflow-gpu`: `@tensorflow/tfjs-node-gpu` (libtensorflow with CUDA). Optional peer dependency.
 * - `webgpu`: TensorFlow.js's WebGPU backend on a GPU: in browsers, and in Node through the optional
 *   package `webgpu` (Dawn, over Vulkan on Linux). Optional peer dependencies.
 * - `webgl`: browser backend (optional peer dependency).
 * - `auto`: the fastest that loads: tensorflow-gpu, tensorflow, webgpu on a hardware adapter, native, then wasm
 *   (Node) or webgpu, webgl, wasm (browser), then cpu.
 */
export type BackendName = 'auto' | 'native' | 'wasm' | 'cpu' | 'tensorflow' | 'tensorflow-gpu' | 'webgl' | 'webgpu';

/** Every backend name accepted by {@link initBackend}, in the order `auto` tries them in Node. */
export const BACKEND_NAMES: readonly BackendName[] = [
  'auto',
  'tensorflow-gpu',
  'tensorflow',
  'native',
  'wasm',
  'cpu',
  'webgpu',
  'webgl',
];

/** True when `name` is a {@link BackendName}. */
export function isBackendName(name: string): name is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(name);
}
