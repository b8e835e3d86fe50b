import * as tf from '@tensorflow/tfjs-core';
// tfjs-core registers no gradients by itself; training needs them all.
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import '@tensorflow/tfjs-backend-cpu';
import * as tfWasm from '@tensorflow/tfjs-backend-wasm';
import type { BackendName } from './backend-name.js';
import { isBackendName } from './backend-name.js';
import { BackendUnavailableError } from './errors.js';
import { installNativeKernels, nativeKernelsActive, uninstallNativeKernels } from './native/native-backend.js';
import type { WebgpuAdapterInfo } from './webgpu/adapter-info.js';

/** Options for {@link initBackend}. */
export interface InitBackendOptions {
  /**
   * Threads. `wasm` in Node: default `1`, because the threaded build must start worker threads
   * (~150–500 ms) and gains little on small matmuls; `'max'` uses every core. `native`: default `'max'`
   * (its pool sleeps when idle). Results are identical for any thread count.
   */
  threads?: number | 'max';
  /** Called with one-line notices (e.g. a fallback taken by `auto`). Default: ignore. */
  onNotice?: (message: string) => void;
  /**
   * `webgpu`: accept a software adapter (a CPU emulating a GPU, e.g. Mesa's lavapipe). Default `false`
   * (`auto` then skips it: it is slower than `native`); a named `webgpu` also accepts one when the
   * environment sets `GIRL_WEBGPU_ALLOW_SOFTWARE=1`, as CI's adapter set-up does.
   */
  allowSoftwareAdapter?: boolean;
}

/** What {@link initBackend} started. */
export interface BackendInfo {
  /** The backend now active, as tfjs names it (`'tensorflow'` for tfjs-node and tfjs-node-gpu). */
  name: Exclude<BackendName, 'auto'>;
  /** Threads the backend computes on (wasm: what was granted; others: 1 when unknown). */
  threads: number;
  /** Backends `auto` tried and skipped, with the reason. */
  skipped: { name: BackendName; reason: string }[];
  /** `webgpu`: the adapter it runs on (vendor, architecture, description, whether it is a software one). */
  adapter?: WebgpuAdapterInfo;
}

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

/** Installation hints shown when an optional backend package is missing. */
const OPTIONAL_BACKENDS: Record<string, { pkg: string; needs: string }> = {
  tensorflow: {
    pkg: '@tensorflow/tfjs-node',
    needs:
      'its install script downloads libtensorflow (CPU) from the internet, so install it where the network ' +
      'allows; Linux x86-64 (glibc >= 2.28), macOS or Windows x86-64',
  },
  'tensorflow-gpu': {
    pkg: '@tensorflow/tfjs-node-gpu',
    needs:
      'its install script downloads libtensorflow with GPU support; it needs Linux x86-64, an NVIDIA GPU, ' +
      'CUDA 11.2 and cuDNN 8.1 (the versions TensorFlow 2.9 was built with)',
  },
  webgl: { pkg: '@tensorflow/tfjs-backend-webgl', needs: 'a browser with WebGL 2' },
};

async function importOptional(name: string): Promise<void> {
  const hint = OPTIONAL_BACKENDS[name];
  if (!hint) throw new Error(`internal: no optional backend named ${name}`);
  try {
    // The specifier is a variable so bundlers leave the optional peer out of the bundle.
    const spec = hint.pkg;
    await import(/* @vite-ignore */ spec);
  } catch (cause) {
    throw new BackendUnavailableError(
      name,
      `Backend '${name}' needs the optional package ${hint.pkg}@4.22.x, which could not be loaded ` +
        `(${(cause as Error)?.message ?? cause}). Install it with \`npm install ${hint.pkg}@4.22.0\` ` +
        `(${hint.needs}), or pick another backend: 'wasm' runs everywhere.`,
      { cause },
    );
  }
}

async function activate(name: string): Promise<void> {
  let ok: boolean;
  try {
    ok = await tf.setBackend(name);
  } catch (cause) {
    throw new BackendUnavailableError(name, `Backend '${name}' failed to start: ${(cause as Error).message}`, {
      cause,
    });
  }
  if (!ok) throw new BackendUnavailableError(name, `Backend '${name}' failed to start (tf.setBackend returned false).`);
  await tf.ready();
  if (name === 'cpu') {
    // tfjs-backend-cpu prints an 'install tfjs-node' banner on first use in Node; choosing cpu here is
    // deliberate (tests, reference runs), and initBackend's own errors explain the faster options.
    (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
  }
}

async function startWasm(threads: number): Promise<number> {
  if (threads <= 1 || !isNode) {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    await activate('wasm');
    return 1;
  }
  const { withWasmThreads } = await import('./wasm-threads.js');
  await withWasmThreads(
    threads,
    () => {
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
      tfWasm.setThreadsCount(threads);
    },
    () => activate('wasm'),
  );
  return tfWasm.getThreadsCount();
}

function coreCount(): number {
  if (isNode) {
    const os = (globalThis as { process?: { getBuiltinModule?: (m: string) => unknown } }).process?.getBuiltinModule?.(
      'os',
    ) as { availableParallelism?: () => number; cpus: () => unknown[] } | undefined;
    if (os) return os.availableParallelism?.() ?? os.cpus().length;
  }
  return (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
}

async function startOne(name: Exclude<BackendName, 'auto'>, options: InitBackendOptions): Promise<BackendInfo> {
  switch (name) {
    case 'cpu':
      uninstallNativeKernels();
      await activate('cpu');
      return { name, threads: 1, skipped: [] };
    case 'native': {
      if (!isNode) throw new BackendUnavailableError(name, "Backend 'native' runs only in Node.");
      const { loadNativeAddon } = await import('./native/load-addon.js');
      const { addon, error } = loadNativeAddon();
      if (!addon) throw new BackendUnavailableError(name, `Backend 'native' is not available: ${error}.`);
      const threads = options.threads === undefined || options.threads === 'max' ? coreCount() : options.threads;
      if (!Number.isInteger(threads) || threads < 1) {
        throw new RangeError(`threads must be a positive integer or 'max', got ${String(options.threads)}`);
      }
      // the addon brings its own threads; wasm itself stays single-threaded (its memory must not be shared)
      if (tf.getBackend() !== 'wasm' || tfWasm.getThreadsCount() !== 1) await startWasm(1);
      installNativeKernels(addon);
      if (addon.getThreads() !== threads) addon.setThreads(threads);
      return { name, threads: addon.getThreads(), skipped: [] };
    }
    case 'wasm': {
      const requested = options.threads === 'max' ? coreCount() : (options.threads ?? 1);
      if (!Number.isInteger(requested) || requested < 1) {
        throw new RangeError(`threads must be a positive integer or 'max', got ${String(options.threads)}`);
      }
      uninstallNativeKernels();
      if (tf.getBackend() === 'wasm' && tf.findBackend('wasm')) {
        return { name, threads: tfWasm.getThreadsCount(), skipped: [] };
      }
      const threads = await startWasm(requested);
      return { name, threads, skipped: [] };
    }
    case 'tensorflow':
    case 'tensorflow-gpu':
      await importOptional(name);
      await activate('tensorflow');
      return { name, threads: 1, skipped: [] };
    case 'webgpu': {
      const { startWebgpu } = await import('./webgpu/start-webgpu.js');
      uninstallNativeKernels();
      const adapter = await startWebgpu({ allowSoftwareAdapter: options.allowSoftwareAdapter, onNotice: options.onNotice });
      await activate(name);
      return { name, threads: 1, skipped: [], adapter };
    }
    case 'webgl':
      await importOptional(name);
      await activate(name);
      return { name, threads: 1, skipped: [] };
  }
}

/**
 * Starts a backend and makes it the active one for every @girl package.
 *
 * @example
 * ```ts
 * import { initBackend } from '@girl/tensor';
 * const info = await initBackend('auto');        // tensorflow-gpu > tensorflow > webgpu (hardware) > native > wasm > cpu in Node
 * console.log(info.name);                         // 'wasm' where tfjs-node is not installed
 * await initBackend('wasm', { threads: 'max' }); // both cores
 * ```
 * @throws BackendUnavailableError when a named backend cannot load (the message says what to install).
 */
export async function initBackend(name: BackendName = 'auto', options: InitBackendOptions = {}): Promise<BackendInfo> {
  if (typeof name !== 'string' || !isBackendName(name)) {
    throw new BackendUnavailableError(
      String(name),
      `Unknown backend '${String(name)}'. Use one of: auto, wasm, cpu, tensorflow, tensorflow-gpu, webgl, webgpu.`,
    );
  }
  if (name !== 'auto') return startOne(name, options);
  const order: Exclude<BackendName, 'auto'>[] = isNode
    ? ['tensorflow-gpu', 'tensorflow', 'webgpu', 'native', 'wasm', 'cpu']
    : ['webgpu', 'webgl', 'wasm', 'cpu'];
  const skipped: BackendInfo['skipped'] = [];
  for (const candidate of order) {
    try {
      // auto takes a software WebGPU adapter only when the caller allowed it in code (not from the environment)
      const info = await startOne(candidate, candidate === 'webgpu' ? { ...options, allowSoftwareAdapter: options.allowSoftwareAdapter === true } : options);
      const native = skipped.find((s) => s.name === 'native');
      if (native) {
        // the one case worth a line: the fast CPU path exists but could not be used here
        options.onNotice?.(`@girl/tensor: using '${info.name}': ${native.reason.replace(/^Backend 'native' is not available: /, 'native kernels unavailable: ')}`);
      }
      return { ...info, skipped };
    } catch (error) {
      skipped.push({ name: candidate, reason: (error as Error).message });
    }
  }
  throw new BackendUnavailableError('auto', `No backend could start: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
}

/**
 * The name of the active backend: tfjs's name (`'wasm'`, `'cpu'`, `'tensorflow'`, …), or `'native'` while
 * GIRL's native kernels are installed on wasm.
 */
export function activeBackend(): string {
  const name = tf.getBackend();
  return name === 'wasm' && nativeKernelsActive() ? 'native' : name;
}
