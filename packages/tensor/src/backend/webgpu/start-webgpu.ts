/**
 * Starts TensorFlow.js's WebGPU backend on an adapter GIRL chose and checked: in browsers from
 * `navigator.gpu`, in Node from the optional `webgpu` package (Dawn). A software adapter (a CPU driver
 * such as Mesa's lavapipe) is refused unless allowed, since it is slower than the `native` CPU backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError } from '../errors.js';
import { adapterInfo, describeAdapter } from './adapter-info.js';
import type { WebgpuAdapterInfo } from './adapter-info.js';
import type { GpuAdapterLike, GpuDeviceLike, GpuLike } from './gpu-types.js';
import { noteGpuDeviceLost, watchGpuDevice } from './gpu-health.js';

/** Options for {@link startWebgpu}. */
export interface WebgpuStartOptions {
  /**
   * Accept a software adapter. Default: `false`, unless the environment variable
   * `GIRL_WEBGPU_ALLOW_SOFTWARE=1` is set (as scripts/webgpu/setup-adapter.sh prints), because a CPU
   * emulating a GPU is slower than the `native` backend and is only wanted for tests.
   */
  allowSoftwareAdapter?: boolean;
  /** One-line notices (e.g. a lost device). */
  onNotice?: (message: string) => void;
}

const isNode = typeof process !== 'undefined' && !!process.versions?.node;
let started: { info: WebgpuAdapterInfo; device: GpuDeviceLike | null } | null = null;

function envAllowsSoftware(): boolean {
  return isNode && process.env.GIRL_WEBGPU_ALLOW_SOFTWARE === '1';
}

async function obtainGpu(): Promise<GpuLike> {
  const nav = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator;
  if (!isNode) {
    if (!nav?.gpu) throw new BackendUnavailableError('webgpu', "Backend 'webgpu' needs a browser with WebGPU (navigator.gpu is missing).");
    return nav.gpu;
  }
  const { nodeGpu } = await import('./node-gpu.js');
  return nodeGpu();
}

function softwareRefused(info: WebgpuAdapterInfo): BackendUnavailableError {
  return new BackendUnavailableError(
    'webgpu',
    `Backend 'webgpu' found only a software adapter (${describeAdapter(info)}), which emulates a GPU on the CPU ` +
      "and is slower than 'native'; software adapter not allowed. For tests set GIRL_WEBGPU_ALLOW_SOFTWARE=1 " +
      '(or pass allowSoftwareAdapter: true).',
  );
}

/** tfjs-backend-webgpu registers itself only when `navigator.gpu` exists at import time (Node ≥ 21 has a getter-only `navigator`). */
function exposeNavigatorGpu(gpu: GpuLike): void {
  const nav = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator;
  if (nav?.gpu === gpu) return;
  Object.defineProperty(globalThis, 'navigator', { value: { ...(nav ?? {}), gpu }, configurable: true, writable: true });
}

/** The device limits tfjs-backend-webgpu asks for (the adapter's maxima), so large tensors fit. */
function deviceDescriptor(adapter: GpuAdapterLike): object {
  const L = adapter.limits;
  const names = ['maxComputeWorkgroupStorageSize', 'maxComputeWorkgroupsPerDimension', 'maxStorageBufferBindingSize', 'maxBufferSize', 'maxComputeWorkgroupSizeX', 'maxComputeInvocationsPerWorkgroup'];
  return {
    requiredFeatures: adapter.features.has('timestamp-query') ? ['timestamp-query'] : [],
    requiredLimits: Object.fromEntries(names.map((n) => [n, L[n]])),
  };
}

/**
 * Picks a high-performance adapter, checks it, and makes `webgpu` the active tfjs backend.
 *
 * @returns the adapter's vendor, architecture and description
 * @throws BackendUnavailableError naming what is missing (the `webgpu` package, the Vulkan loader or
 *   driver, an adapter at all) or that only a software adapter was found and none was allowed
 */
export async function startWebgpu(options: WebgpuStartOptions = {}): Promise<WebgpuAdapterInfo> {
  const allowSoftware = options.allowSoftwareAdapter ?? envAllowsSoftware();
  if (started && tf.findBackend('webgpu')) {
    // already running: the same adapter, under this call's software policy
    if (started.info.software && !allowSoftware) throw softwareRefused(started.info);
    if (!(await tf.setBackend('webgpu'))) throw new BackendUnavailableError('webgpu', "Backend 'webgpu' failed to restart.");
    return started.info;
  }
  // 1. the GPU object and a high-performance adapter
  const gpu = await obtainGpu();
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) {
    throw new BackendUnavailableError(
      'webgpu',
      "Backend 'webgpu' found no WebGPU adapter: the GPU driver offers none" +
        (isNode ? ' (Dawn found the Vulkan loader and a driver manifest, but the driver failed; run `vulkaninfo --summary` to see why)' : '') +
        '.',
    );
  }
  // 2. refuse a CPU-emulated adapter unless asked for
  const info = adapterInfo(adapter.info, adapter.isFallbackAdapter);
  if (info.software && !allowSoftware) throw softwareRefused(info);
  // 3. load tfjs-backend-webgpu with navigator.gpu in place, then register our factory on this adapter
  if (isNode) exposeNavigatorGpu(gpu);
  let mod: { WebGPUBackend: new (device: GpuDeviceLike, info?: unknown) => tf.KernelBackend };
  try {
    const spec = '@tensorflow/tfjs-backend-webgpu';
    mod = (await import(/* @vite-ignore */ spec)) as typeof mod;
  } catch (cause) {
    throw new BackendUnavailableError(
      'webgpu',
      `Backend 'webgpu' needs the optional package @tensorflow/tfjs-backend-webgpu@4.22.x, which could not be loaded ` +
        `(${(cause as Error)?.message ?? cause}). Install it with \`npm install @tensorflow/tfjs-backend-webgpu@4.22.0\`.`,
      { cause },
    );
  }
  // small ops would otherwise silently run on the CPU and shuttle data back and forth
  tf.env().set('WEBGPU_CPU_FORWARD', false);
  if (tf.engine().registryFactory.webgpu) tf.removeBackend('webgpu');
  const state: { info: WebgpuAdapterInfo; device: GpuDeviceLike | null } = { info, device: null };
  tf.registerBackend(
    'webgpu',
    async () => {
      const device = await adapter.requestDevice(deviceDescriptor(adapter));
      state.device = device;
      watchGpuDevice(device); // out-of-memory errors arrive as events: trainers check them after each step
      void device.lost?.then((l) => {
        if (state.device !== device || l?.reason === 'destroyed') return;
        noteGpuDeviceLost(l?.message ?? 'unknown reason');
        options.onNotice?.(`@girl/tensor: WebGPU device lost: ${l?.message ?? 'unknown reason'}`);
      });
      return new mod.WebGPUBackend(device, adapter.info);
    },
    3,
  );
  started = state;
  return info;
}

/** The adapter of the running `webgpu` backend, or null. */
export function webgpuAdapter(): WebgpuAdapterInfo | null {
  return started?.info ?? null;
}

/**
 * Frees the WebGPU backend and destroys its device, so that Node can exit (Dawn keeps the process alive
 * while a device is in use). Tensors still on the GPU become unusable. Does nothing when none runs.
 */
export function releaseWebgpu(): void {
  if (!started) return;
  const { device } = started;
  started = null;
  if (tf.engine().registryFactory.webgpu) tf.removeBackend('webgpu');
  device?.destroy();
}

/**
 * For the browser entry, where the app imports tfjs-backend-webgpu itself: picks the high-performance
 * adapter the backend will get, applies the software-adapter policy, and switches CPU forwarding off.
 *
 * @returns the adapter's info, for {@link BackendInfo}-style reporting
 * @throws BackendUnavailableError when there is no adapter, or only a software one that was not allowed
 */
export async function checkBrowserAdapter(options: WebgpuStartOptions = {}): Promise<WebgpuAdapterInfo> {
  const gpu = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
  if (!gpu) throw new BackendUnavailableError('webgpu', 'This browser has no WebGPU (navigator.gpu is missing).');
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new BackendUnavailableError('webgpu', "Backend 'webgpu' found no WebGPU adapter in this browser.");
  const info = adapterInfo(adapter.info, adapter.isFallbackAdapter);
  if (info.software && !options.allowSoftwareAdapter) throw softwareRefused(info);
  tf.env().set('WEBGPU_CPU_FORWARD', false);
  return info;
}
