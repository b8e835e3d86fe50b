/**
 * WebGPU in Node through the optional npm package `webgpu` (Dawn's `dawn.node`, shipped inside the
 * package for linux-x64, macOS and Windows). Node-only: reached by dynamic import from start-webgpu.ts.
 */
import { BackendUnavailableError } from '../errors.js';
import { diagnoseVulkan } from './vulkan-diagnosis.js';
import type { VulkanSystem } from './vulkan-diagnosis.js';
import type { GpuLike } from './gpu-types.js';

interface NodeFs {
  existsSync(p: string): boolean;
  readdirSync(p: string): string[];
  readFileSync(p: string, enc: 'utf8'): string;
}

function builtin<T>(name: string): T {
  const get = (globalThis as { process?: { getBuiltinModule?: (m: string) => unknown } }).process?.getBuiltinModule;
  if (!get) throw new Error('process.getBuiltinModule is missing (Node >= 20.16 needed)');
  return get(name) as T;
}

/** The running system, as {@link diagnoseVulkan} reads it. */
export function nodeVulkanSystem(): VulkanSystem {
  const fs = builtin<NodeFs>('fs');
  return {
    env: (globalThis as { process: { env: Record<string, string | undefined> } }).process.env,
    exists: (p) => fs.existsSync(p),
    list: (d) => {
      try {
        return fs.readdirSync(d);
      } catch {
        return [];
      }
    },
    read: (p) => {
      try {
        return fs.readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * Loads `webgpu`, installs its WebGPU globals (`GPUBufferUsage`, …) and returns a `GPU` object.
 * On Linux the Vulkan set-up is checked first, so a machine without it fails fast with the reason.
 *
 * @param dawnOptions Dawn toggles, e.g. `['backend=vulkan']`; default from `GIRL_DAWN_OPTIONS` (`;`-separated)
 */
export async function nodeGpu(dawnOptions?: string[]): Promise<GpuLike> {
  const env = (globalThis as { process: { env: Record<string, string | undefined>; platform: string } }).process;
  if (env.platform === 'linux' && !/backend=(opengl|opengles)/.test(env.env.GIRL_DAWN_OPTIONS ?? '')) {
    const d = diagnoseVulkan(nodeVulkanSystem());
    if (d.problems.length > 0) {
      throw new BackendUnavailableError('webgpu', `Backend 'webgpu' cannot start: ${d.problems.join('; ')}.`);
    }
  }
  let mod: { create: (o: string[]) => GpuLike; globals: object };
  try {
    const spec = 'webgpu'; // a variable, so bundlers leave the optional package out
    mod = (await import(/* @vite-ignore */ spec)) as typeof mod;
  } catch (cause) {
    throw new BackendUnavailableError(
      'webgpu',
      `Backend 'webgpu' in Node needs the optional package webgpu@0.6.x (Dawn), which could not be loaded ` +
        `(${(cause as Error)?.message ?? cause}). Install it with \`npm install webgpu@0.6.2\`.`,
      { cause },
    );
  }
  for (const [k, v] of Object.entries(mod.globals)) {
    if (!(k in globalThis)) (globalThis as Record<string, unknown>)[k] = v;
  }
  const options = dawnOptions ?? (env.env.GIRL_DAWN_OPTIONS ?? '').split(';').filter(Boolean);
  return mod.create(options);
}
