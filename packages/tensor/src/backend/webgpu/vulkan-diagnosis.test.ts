import { describe, expect, it } from 'vitest';
import { diagnoseVulkan, icdManifests } from './vulkan-diagnosis.js';
import type { VulkanSystem } from './vulkan-diagnosis.js';

/** A fake file system: paths that exist, and file contents. */
function system(files: Record<string, string>, env: Record<string, string> = {}): VulkanSystem {
  return {
    env,
    exists: (p) => p in files,
    list: (d) => Object.keys(files).filter((p) => p.startsWith(`${d}/`) && !p.slice(d.length + 1).includes('/')).map((p) => p.slice(d.length + 1)),
    read: (p) => files[p],
  };
}
const LOADER = { '/usr/lib/x86_64-linux-gnu/libvulkan.so.1': '' };

describe('webgpu vulkan diagnosis', () => {
  it('names the missing loader and the missing driver manifest', () => {
    const d = diagnoseVulkan(system({}));
    expect(d.loader).toBeNull();
    expect(d.problems).toHaveLength(2);
    expect(d.problems[0]).toMatch(/Vulkan loader libvulkan\.so\.1 is not installed/);
    expect(d.problems[1]).toMatch(/no Vulkan driver.*setup-adapter\.sh/);
  });

  it('points at the NVIDIA manifest the loader does not search', () => {
    const d = diagnoseVulkan(system({ ...LOADER, '/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json': '{}' }));
    expect(d.problems).toEqual([expect.stringMatching(/VK_DRIVER_FILES=\/usr\/local\/nvidia\/share\/vulkan\/icd\.d\/nvidia_icd\.json/)]);
  });

  it("asks for the 'graphics' driver capability when the NVIDIA Vulkan library is absent", () => {
    const icd = '/usr/share/vulkan/icd.d/nvidia_icd.json';
    const d = diagnoseVulkan(system({ ...LOADER, [icd]: '{"ICD": {"library_path": "libGLX_nvidia.so.0"}}' }));
    expect(d.problems).toEqual([expect.stringMatching(/NVIDIA_DRIVER_CAPABILITIES to include 'graphics'/)]);
  });

  it('is satisfied by a loader on LD_LIBRARY_PATH and an ICD named by VK_DRIVER_FILES', () => {
    const files = { '/c/lib/libvulkan.so.1': '', '/c/lib/libvulkan_lvp.so': '', '/c/lvp.json': '{"ICD": {"library_path": "/c/lib/libvulkan_lvp.so"}}' };
    const d = diagnoseVulkan(system(files, { LD_LIBRARY_PATH: '/c/lib', VK_DRIVER_FILES: '/c/lvp.json' }));
    expect(d).toEqual({ loader: '/c/lib/libvulkan.so.1', icds: ['/c/lvp.json'], problems: [] });
    expect(icdManifests(system(files, { VK_ICD_FILENAMES: '/c/missing.json' }))).toEqual([]);
  });
});
