export { initBackend, activeBackend } from './init-backend.js';
export type { InitBackendOptions, BackendInfo } from './init-backend.js';
export { BACKEND_NAMES, isBackendName } from './backend-name.js';
export type { BackendName } from './backend-name.js';
export { BackendUnavailableError } from './errors.js';
export { GpuOutOfMemoryError, assertGpuHealthy } from './webgpu/gpu-health.js';
export { releaseWebgpu, webgpuAdapter } from './webgpu/start-webgpu.js';
export { isSoftwareAdapter, describeAdapter } from './webgpu/adapter-info.js';
export type { WebgpuAdapterInfo } from './webgpu/adapter-info.js';
