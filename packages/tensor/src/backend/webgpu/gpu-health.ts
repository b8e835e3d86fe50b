/**
 * What went wrong on the WebGPU device since the last check. WebGPU does not throw when an allocation does
 * not fit: the buffer is silently invalid, a `GPUOutOfMemoryError` arrives as an `uncapturederror` event,
 * and every later result computed from it is garbage. GIRL's trainers therefore check after each step,
 * before anything is written, so a step that ran out of memory stops training with a clear error and the
 * last checkpoint stays as it was.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError } from '../errors.js';

/** The part of a GPUDevice this module listens to (an EventTarget in browsers and in Dawn's Node binding). */
export interface GpuEventSource {
  addEventListener?(type: 'uncapturederror', listener: (event: { error?: { message?: string; constructor?: { name?: string } } }) => void): void;
}

/** The GPU ran out of memory during a step; says how much was live and what to lower. */
export class GpuOutOfMemoryError extends Error {
  override name = 'GpuOutOfMemoryError';
  /** What was running, e.g. `'SFT step 12'`. */
  readonly during: string;
  /** Tensors alive when the check ran. */
  readonly liveTensors: number;
  /** Their bytes (tfjs's `tf.memory().numBytes`). */
  readonly liveBytes: number;

  constructor(during: string, gpuMessage: string, liveTensors: number, liveBytes: number) {
    super(
      `The GPU ran out of memory during ${during} (${gpuMessage || 'GPUOutOfMemoryError'}); ${liveTensors} tensors, ` +
        `${(liveBytes / 2 ** 20).toFixed(1)} MiB, were alive. Lower the batch size, the context length or the model size ` +
        '(or use a GPU with more memory). Nothing was saved after the failed step: the last checkpoint is intact and resuming continues from it.',
    );
    this.during = during;
    this.liveTensors = liveTensors;
    this.liveBytes = liveBytes;
  }
}

let problem: { kind: 'out-of-memory' | 'lost'; message: string } | null = null;

/**
 * Listens to a device's uncaptured errors and remembers the first out-of-memory one for
 * {@link assertGpuHealthy}. Called by `initBackend('webgpu')` on the device it creates.
 *
 * @example
 * ```ts
 * watchGpuDevice(device); // then, after each training step: assertGpuHealthy(`step ${n}`)
 * ```
 */
export function watchGpuDevice(device: GpuEventSource): void {
  device.addEventListener?.('uncapturederror', (event) => {
    const name = event.error?.constructor?.name ?? '';
    const message = event.error?.message ?? '';
    if (problem === null && (name === 'GPUOutOfMemoryError' || /out of memory/i.test(message))) problem = { kind: 'out-of-memory', message };
  });
}

/** Records that the device was lost (not by `releaseWebgpu`), for {@link assertGpuHealthy}. */
export function noteGpuDeviceLost(message: string): void {
  if (problem === null) problem = { kind: 'lost', message };
}

/**
 * Throws if the GPU ran out of memory or lost its device since the last check (then forgets it); does
 * nothing otherwise, and on every other backend.
 *
 * @param during what just ran, for the message, e.g. `'PPO step 7'`
 * @throws GpuOutOfMemoryError with the live tensors and bytes; BackendUnavailableError for a lost device
 * @example
 * ```ts
 * await trainer.step();
 * assertGpuHealthy(`PPO step ${trainer.stepCount}`); // before saving a checkpoint
 * ```
 */
export function assertGpuHealthy(during: string): void {
  if (problem === null) return;
  const p = problem;
  problem = null;
  if (p.kind === 'lost') {
    throw new BackendUnavailableError('webgpu', `The WebGPU device was lost during ${during} (${p.message || 'no reason given'}). Nothing was saved after it; resume from the last checkpoint.`);
  }
  const mem = tf.memory();
  throw new GpuOutOfMemoryError(during, p.message, mem.numTensors, mem.numBytes);
}
