/**
 * Lets tfjs-backend-wasm 4.22 run its threaded-SIMD build under Node (both cores instead of one).
 *
 * tfjs turns wasm multithreading off under Node, and three things stand in the way of turning it on:
 * 1. tfjs hands Emscripten a `blob:` URL for the pthread worker script and a `Blob` as the main script;
 *    Node's `worker_threads.Worker` accepts neither. We subclass `Worker` (Emscripten copies
 *    `require('worker_threads').Worker` into `global.Worker` when it starts), point `blob:` URLs at a real
 *    file holding the worker source that tfjs ships, and swap the `Blob` in the `{cmd: 'load'}` message
 *    for the path of the threaded module's JavaScript file.
 * 2. tfjs's C++ caps the thread count at `os.cpus().length / 2` (1 on a 2-vCPU machine), so `os.cpus()`
 *    reports twice the requested count while the backend starts, and only then.
 * 3. XNNPACK's pool threads stay parked forever and Emscripten `ref()`s them, so the process would never
 *    exit; the workers are `unref()`ed.
 * No file inside node_modules is changed. The worker file is written once per tfjs version into the OS
 * temp folder, atomically, and reused by later processes.
 */
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import os from 'node:os';
import * as path from 'node:path';
import workerThreads from 'node:worker_threads';

const require = createRequire(import.meta.url);

let installed = false;

/** Paths of the files the threaded wasm module needs under Node. */
interface WasmThreadFiles {
  /** The pthread worker script, written out from the source tfjs ships as a string. */
  workerScript: string;
  /** The threaded-SIMD Emscripten module that each worker loads. */
  mainScript: string;
}

function writeWorkerScript(): WasmThreadFiles {
  const wasmPkg = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  const outDir = path.join(wasmPkg, 'wasm-out');
  const mainScript = path.join(outDir, 'tfjs-backend-wasm-threaded-simd.js');
  const { wasmWorkerContents } = require(path.join(outDir, 'tfjs-backend-wasm-threaded-simd.worker.js')) as {
    wasmWorkerContents: string;
  };
  // tfjs re-escapes newlines before making its Blob; do the same so the script parses identically.
  const source = wasmWorkerContents.replace(/\n/g, '\\n');
  const digest = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const workerScript = path.join(os.tmpdir(), `girl-tfjs-wasm-pthread-${digest}.cjs`);
  if (!fs.existsSync(workerScript)) {
    const tmp = `${workerScript}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, source);
    fs.renameSync(tmp, workerScript); // atomic: another process never sees half a script
  }
  return { workerScript, mainScript };
}

function installWorkerShim(files: WasmThreadFiles): void {
  if (installed) return;
  const NodeWorker = workerThreads.Worker;
  class FileWorker extends NodeWorker {
    constructor(url: string | URL, options?: workerThreads.WorkerOptions) {
      const target = typeof url === 'string' && url.startsWith('blob:') ? files.workerScript : url;
      super(target, options);
      this.unref();
    }
    override ref(): void {
      // Emscripten ref()s a worker while its pthread runs, i.e. forever for XNNPACK's pool: ignore.
    }
    override postMessage(message: unknown, transfer?: readonly workerThreads.TransferListItem[]): void {
      const msg = message as { cmd?: string; urlOrBlob?: unknown } | null;
      if (msg && msg.cmd === 'load' && typeof msg.urlOrBlob !== 'string') {
        super.postMessage({ ...msg, urlOrBlob: files.mainScript }, transfer);
        return;
      }
      super.postMessage(message, transfer);
    }
  }
  (workerThreads as { Worker: typeof NodeWorker }).Worker = FileWorker;
  installed = true;
}

/**
 * Runs `start` (which must call `tf.setBackend('wasm')`) with the threaded wasm build enabled for
 * `threads` threads. Node only.
 */
export async function withWasmThreads<T>(
  threads: number,
  setFlag: () => void,
  start: () => Promise<T>,
): Promise<T> {
  installWorkerShim(writeWorkerScript());
  setFlag();
  const realCpus = os.cpus;
  const patched = (): os.CpuInfo[] => {
    const cpus = realCpus();
    return Array.from({ length: 2 * threads }, (_, i) => cpus[i % cpus.length] as os.CpuInfo);
  };
  (os as { cpus: typeof os.cpus }).cpus = patched;
  try {
    return await start();
  } finally {
    (os as { cpus: typeof os.cpus }).cpus = realCpus;
  }
}
