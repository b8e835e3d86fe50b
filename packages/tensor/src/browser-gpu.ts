/**
 * `@girl/tensor/browser-gpu`: registers TensorFlow.js's `webgl` and `webgpu` backends in a browser bundle,
 * so that `initBackend()` from the browser entry can pick them (webgpu, then webgl, then wasm). They are
 * optional peer dependencies: an app that imports this file installs `@tensorflow/tfjs-backend-webgl` and
 * `@tensorflow/tfjs-backend-webgpu` itself; an app that does not gets wasm/cpu and a smaller bundle.
 *
 * @example
 * ```ts
 * import '@girl/tensor/browser-gpu';
 * import { initBackend } from '@girl/tensor';
 * const info = await initBackend(); // 'webgpu' where the browser has it, else 'webgl' / 'wasm'
 * ```
 */
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';

/** The backends this module registers (for callers that want to show them). */
export const BROWSER_GPU_BACKENDS = ['webgpu', 'webgl'] as const;
