/**
 * The few WebGPU shapes GIRL touches, typed here so that neither `@webgpu/types` version (tfjs-backend-webgpu
 * and `webgpu` each bring one) leaks into the package's types.
 */
import type { RawAdapterInfo } from './adapter-info.js';
import type { GpuEventSource } from './gpu-health.js';

export interface GpuDeviceLike extends GpuEventSource {
  destroy(): void;
  readonly lost?: Promise<{ reason?: string; message?: string }>;
}

export interface GpuAdapterLike {
  readonly info?: RawAdapterInfo;
  readonly isFallbackAdapter?: boolean;
  readonly features: { has(name: string): boolean };
  readonly limits: Record<string, number>;
  requestDevice(descriptor?: object): Promise<GpuDeviceLike>;
}

export interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power'; featureLevel?: string }): Promise<GpuAdapterLike | null>;
}
