/**
 * `initBackend` for browsers: webgpu, then webgl, then wasm, then cpu. It never imports the native addon,
 * worker threads or any `node:` module, so a browser bundle of `@girl/tensor` stays free of them.
 *
 * tfjs registers `webgl` and `webgpu` when their packages are imported; an app that wants them imports
 * `@tensorflow/tfjs-backend-webgl` / `-webgpu` itself (they are optional peers, so this file leaves them
 * out of every bundle). wasm fetches its `.wasm` binaries from `wasmPaths` (default: next to the page).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfWasm from '@tensorflow/tfjs-backend-wasm';
import type { BackendName } from './backend-name.js';
import { isBackendName } from './backend-name.js';
import { BackendUnavailableError } from './errors.js';
import { watchGpuDevice } from './webgpu/gpu-health.js';
import type { GpuEventSource } from './webgpu/gpu-health.js';
import { checkBrowserAdapter } from './webgpu/start-webgpu.js';
import type { BackendInfo, InitBackendOptions } from './init-backend.js';

/** Backends a browser can run, in the order `auto` tries them. */
export const BROWSER_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BrowserBackendName = (typeof BROWSER_BACKENDS)[number];

/** Options of the browser {@link initBackend}. */
export interface BrowserInitOptions extends InitBackendOptions {
  /**
   * Folder URL (ending in `/`) that holds tfjs-backend-wasm's `.wasm` files. Default: unset, so tfjs looks
   * next to the page's script; set it when the files live elsewhere (a CDN, a sub-folder).
   */
  wasmPaths?: string;
}

const PEER: Record<'webgl' | 'webgpu', string> = {
  webgl: '@tensorflow/tfjs-backend-webgl',
  webgpu: '@tensorflow/tfjs-backend-webgpu',
};

function registered(name: string): boolean {
  return (tf.engine() as unknown as { registryFactory: Record<string, unknown> }).registryFactory[name] !== undefined;
}

async function activate(name: string): Promise<void> {
  let ok: boolean;
  try {
    ok = await tf.setBackend(name);
  } catch (cause) {
    throw new BackendUnavailableError(name, `Backend '${name}' failed to start: ${(cause as Error).message}`, { cause });
  }
  if (!ok) throw new BackendUnavailableError(name, `Backend '${name}' could not start in this browser.`);
  await tf.ready();
}

async function startOne(name: BrowserBackendName, options: BrowserInitOptions): Promise<BackendInfo> {
  switch (name) {
    case 'webgpu':
    case 'webgl': {
      if (name === 'webgpu' && !(globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu) {
        throw new BackendUnavailableError(name, 'This browser has no WebGPU (navigator.gpu is missing).');
      }
      if (!registered(name)) {
        throw new BackendUnavailableError(name, `Backend '${name}' is not registered: import '${PEER[name]}' (4.22.x) in the app before initBackend.`);
      }
      // webgpu: the adapter is reported, and a software one refused unless allowed (see start-webgpu.ts)
      const adapter = name === 'webgpu' ? await checkBrowserAdapter({ allowSoftwareAdapter: options.allowSoftwareAdapter }) : undefined;
      await activate(name);
      // the app's tfjs-backend-webgpu made the device: listen to its out-of-memory events (gpu-health.ts)
      if (name === 'webgpu') watchGpuDevice((tf.backend() as unknown as { device: GpuEventSource }).device);
      return { name, threads: 1, skipped: [], ...(adapter ? { adapter } : {}) };
    }
    case 'wasm':
      if (options.wasmPaths) tfWasm.setWasmPaths(options.wasmPaths);
      // threaded wasm needs a cross-origin-isolated page; one thread works on every page
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      await activate('wasm');
      return { name, threads: 1, skipped: [] };
    case 'cpu':
      await activate('cpu');
      return { name, threads: 1, skipped: [] };
  }
}

/**
 * Starts a backend in a browser and makes it the active one for every @girl package.
 *
 * @example
 * ```ts
 * import '@tensorflow/tfjs-backend-webgl';
 * import { initBackend } from '@girl/tensor'; // the "browser" export condition picks this function
 * const info = await initBackend('auto', { wasmPaths: '/wasm/' });
 * if (info.skipped.length) console.warn(info.skipped); // e.g. webgpu: no navigator.gpu
 * ```
 * @throws BackendUnavailableError when the named backend cannot start here (Node-only names included).
 */
export async function initBackend(name: BackendName = 'auto', options: BrowserInitOptions = {}): Promise<BackendInfo> {
  if (typeof name !== 'string' || !isBackendName(name)) {
    throw new BackendUnavailableError(String(name), `Unknown backend '${String(name)}'. In a browser use one of: auto, ${BROWSER_BACKENDS.join(', ')}.`);
  }
  if (name !== 'auto') {
    if (!(BROWSER_BACKENDS as readonly string[]).includes(name)) {
      throw new BackendUnavailableError(name, `Backend '${name}' runs only in Node; in a browser use one of: auto, ${BROWSER_BACKENDS.join(', ')}.`);
    }
    return startOne(name as BrowserBackendName, options);
  }
  const skipped: BackendInfo['skipped'] = [];
  for (const candidate of BROWSER_BACKENDS) {
    try {
      const info = await startOne(candidate, options);
      return { ...info, skipped };
    } catch (error) {
      skipped.push({ name: candidate, reason: (error as Error).message });
    }
  }
  throw new BackendUnavailableError('auto', `No backend could start: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
}

/** The name of the active backend, as tfjs names it (`'webgpu'`, `'webgl'`, `'wasm'`, `'cpu'`). */
export function activeBackend(): string {
  return tf.getBackend();
}
