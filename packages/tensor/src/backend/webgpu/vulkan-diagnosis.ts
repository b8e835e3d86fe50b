/**
 * Why Dawn (the `webgpu` package) may find no adapter on Linux: no Vulkan loader, no driver manifest
 * (ICD), or an NVIDIA container without the driver's graphics libraries. Checked before Dawn is loaded,
 * so a machine without Vulkan is skipped quickly and the error names what is missing.
 */

/** What the diagnosis reads from the system (injected, so it is testable without one). */
export interface VulkanSystem {
  /** Environment variables (`LD_LIBRARY_PATH`, `VK_DRIVER_FILES`, `VK_ICD_FILENAMES`, `XDG_DATA_DIRS`). */
  env: Record<string, string | undefined>;
  /** Whether a file exists. */
  exists(path: string): boolean;
  /** File names in a folder (empty when it does not exist). */
  list(dir: string): string[];
  /** A text file's content (undefined when unreadable). */
  read(path: string): string | undefined;
}

/** What {@link diagnoseVulkan} found. */
export interface VulkanDiagnosis {
  /** Path of `libvulkan.so.1`, or null. */
  loader: string | null;
  /** Driver manifests the loader will read. */
  icds: string[];
  /** One sentence per problem, each naming the fix; empty when Vulkan looks usable. */
  problems: string[];
}

const LIB_DIRS = [
  '/lib/x86_64-linux-gnu',
  '/usr/lib/x86_64-linux-gnu',
  '/lib/aarch64-linux-gnu',
  '/usr/lib/aarch64-linux-gnu',
  '/usr/lib64',
  '/lib64',
  '/usr/lib',
  '/lib',
  '/usr/local/lib',
  '/usr/local/nvidia/lib64',
  '/usr/local/nvidia/lib',
];
/** Where NVIDIA's container runtime mounts the driver's manifest (not searched by the loader by default). */
export const NVIDIA_ICD_DIR = '/usr/local/nvidia/share/vulkan/icd.d';

function splitPath(value: string | undefined): string[] {
  return (value ?? '').split(':').filter(Boolean);
}

function findLib(sys: VulkanSystem, name: string): string | null {
  for (const dir of [...splitPath(sys.env.LD_LIBRARY_PATH), ...LIB_DIRS]) {
    if (sys.exists(`${dir}/${name}`)) return `${dir}/${name}`;
  }
  return null;
}

function manifestsIn(sys: VulkanSystem, dir: string): string[] {
  return sys
    .list(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => `${dir}/${f}`);
}

/** The ICD manifests the Vulkan loader would read, from `VK_DRIVER_FILES`/`VK_ICD_FILENAMES` or the default folders. */
export function icdManifests(sys: VulkanSystem): string[] {
  const explicit = splitPath(sys.env.VK_DRIVER_FILES ?? sys.env.VK_ICD_FILENAMES);
  if (explicit.length > 0) return explicit.flatMap((p) => (p.endsWith('.json') ? (sys.exists(p) ? [p] : []) : manifestsIn(sys, p)));
  const dataDirs = splitPath(sys.env.XDG_DATA_DIRS);
  const roots = ['/etc/xdg', '/etc', ...(dataDirs.length ? dataDirs : ['/usr/local/share', '/usr/share'])];
  return [...new Set(roots.flatMap((r) => manifestsIn(sys, `${r}/vulkan/icd.d`)))];
}

/**
 * Checks the Vulkan loader, the driver manifests, and the libraries those manifests name.
 *
 * @example
 * ```ts
 * const d = diagnoseVulkan(nodeVulkanSystem());
 * if (d.problems.length) console.log(d.problems.join(' '));
 * ```
 */
export function diagnoseVulkan(sys: VulkanSystem): VulkanDiagnosis {
  const problems: string[] = [];
  const loader = findLib(sys, 'libvulkan.so.1');
  if (!loader) {
    problems.push(
      'the Vulkan loader libvulkan.so.1 is not installed (Debian/Ubuntu: `apt-get install libvulkan1`, or unpack its .deb and add the folder to LD_LIBRARY_PATH)',
    );
  }
  const icds = icdManifests(sys);
  if (icds.length === 0) {
    const nvidia = manifestsIn(sys, NVIDIA_ICD_DIR);
    problems.push(
      nvidia.length > 0
        ? `no Vulkan driver manifest (ICD) on the loader's path, but the NVIDIA driver's is at ${nvidia[0]}: set VK_DRIVER_FILES=${nvidia[0]} (and VK_ICD_FILENAMES for older loaders)`
        : 'no Vulkan driver (ICD manifest) found: install the GPU vendor\'s Vulkan driver, or for a software adapter run `bash scripts/webgpu/setup-adapter.sh` (Mesa lavapipe) and use the variables it prints',
    );
  }
  // a manifest whose library is missing matters only when no manifest's library is there
  const broken: string[] = [];
  let usable = 0;
  for (const icd of icds) {
    const lib = /"library_path"\s*:\s*"([^"]+)"/.exec(sys.read(icd) ?? '')?.[1];
    if (!lib || (lib.includes('/') ? sys.exists(lib) : findLib(sys, lib) !== null)) {
      usable++;
      continue;
    }
    broken.push(
      /nvidia/i.test(lib)
        ? `the NVIDIA Vulkan driver library ${lib} (named by ${icd}) is missing: in a container, set NVIDIA_DRIVER_CAPABILITIES to include 'graphics' (or 'all'), not only compute,utility`
        : `the Vulkan driver library ${lib} named by ${icd} is missing`,
    );
  }
  if (usable === 0) problems.push(...broken);
  return { loader, icds, problems };
}
