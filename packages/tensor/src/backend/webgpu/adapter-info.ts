/** What a WebGPU adapter says about itself (the fields of `GPUAdapterInfo` that GIRL reports). */
export interface WebgpuAdapterInfo {
  /** Vendor, e.g. `'nvidia'`, `'mesa'` (empty where the platform hides it). */
  vendor: string;
  /** GPU family, e.g. `'hopper'`, or `'software'` for a CPU driver. */
  architecture: string;
  /** Device name where known, e.g. `'llvmpipe-llvm-15-0-6-256-bits'`. */
  device: string;
  /** Driver's description, e.g. `'NVIDIA H200'` or `'llvmpipe: Mesa 25.0.7 (LLVM 15.0.6)'`. */
  description: string;
  /** True for an adapter that computes on the CPU (lavapipe/llvmpipe, SwiftShader, WARP). */
  software: boolean;
}

/** The subset of `GPUAdapterInfo` (and the older `isFallbackAdapter` flag) read here. */
export interface RawAdapterInfo {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

/** Names of CPU implementations of Vulkan/D3D/WebGPU, as their drivers report them. */
const SOFTWARE_NAMES = /llvmpipe|lavapipe|swiftshader|softpipe|\bwarp\b|basic render driver|software/i;

/**
 * Whether an adapter is a software one (runs on the CPU): its architecture says `software`, it is a
 * fallback adapter, or its device/description names a CPU driver.
 *
 * @example
 * ```ts
 * isSoftwareAdapter({ vendor: 'mesa', architecture: 'software', description: 'llvmpipe: Mesa 25.0.7' }); // true
 * isSoftwareAdapter({ vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H200' });            // false
 * ```
 */
export function isSoftwareAdapter(info: RawAdapterInfo, isFallbackAdapter = false): boolean {
  if (isFallbackAdapter || info.isFallbackAdapter) return true;
  if ((info.architecture ?? '').toLowerCase() === 'software') return true;
  return SOFTWARE_NAMES.test(`${info.device ?? ''} ${info.description ?? ''}`);
}

/** Normalises an adapter's info into {@link WebgpuAdapterInfo}. */
export function adapterInfo(info: RawAdapterInfo | undefined, isFallbackAdapter = false): WebgpuAdapterInfo {
  const raw = info ?? {};
  return {
    vendor: raw.vendor ?? '',
    architecture: raw.architecture ?? '',
    device: raw.device ?? '',
    description: raw.description ?? '',
    software: isSoftwareAdapter(raw, isFallbackAdapter),
  };
}

/** One line for logs: `mesa software (llvmpipe: Mesa 25.0.7 …), software adapter`. */
export function describeAdapter(info: WebgpuAdapterInfo): string {
  const name = [info.vendor, info.architecture].filter(Boolean).join(' ') || 'unknown vendor';
  const desc = info.description || info.device;
  return `${name}${desc ? ` (${desc})` : ''}${info.software ? ', software adapter' : ''}`;
}
