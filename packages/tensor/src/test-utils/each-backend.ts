/**
 * Test helper (not shipped): runs a suite once per backend that can run here.
 *
 * ```ts
 * describeEachBackend('linear', (backend) => { it('...', () => { ... }); });
 * describeEachBackend('linear', (backend) => { it('...', async () => { ... }); }, { webgpu: true });
 * ```
 */
import { beforeAll, describe } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import type { BackendName } from '../backend/backend-name.js';
import { loadNativeAddon } from '../backend/native/load-addon.js';

/** Whether GIRL's native addon was built here (it is optional: no compiler, no native backend). */
export const NATIVE_AVAILABLE = loadNativeAddon().addon !== undefined;
if (!NATIVE_AVAILABLE) {
  console.warn(`[tests] native backend not tested: ${loadNativeAddon().error}`);
}

/**
 * Why `webgpu` is not tested here, or null when it is: an adapter must start (a software one counts
 * where `GIRL_WEBGPU_ALLOW_SOFTWARE=1`, as `npm run test:webgpu` sets after setting one up).
 */
export const WEBGPU_SKIP_REASON: string | null = await (async () => {
  try {
    await initBackend('webgpu');
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await initBackend('cpu');
  }
})();
if (WEBGPU_SKIP_REASON) console.warn(`[tests] webgpu not tested: ${WEBGPU_SKIP_REASON.split('; ')[0]}`);

/** Backends every conformance suite runs on: cpu and wasm always, native where its addon was built. */
export const TEST_BACKENDS: readonly BackendName[] = NATIVE_AVAILABLE ? ['cpu', 'wasm', 'native'] : ['cpu', 'wasm'];

/** Options of {@link describeEachBackend}. */
export interface EachBackendOptions {
  /**
   * Also run on `webgpu` where an adapter exists. Only for suites that read results asynchronously
   * (`await t.data()`, `expectCloseAsync`): WebGPU in Node has no synchronous read-back. Default `false`.
   */
  webgpu?: boolean;
}

export function describeEachBackend(title: string, body: (backend: BackendName) => void, options: EachBackendOptions = {}): void {
  const backends = options.webgpu && WEBGPU_SKIP_REASON === null ? [...TEST_BACKENDS, 'webgpu' as const] : TEST_BACKENDS;
  for (const backend of backends) {
    describe(`${title} [${backend}]`, () => {
      beforeAll(async () => {
        await initBackend(backend);
      });
      body(backend);
    });
  }
}

/** {@link describeEachBackend} that also runs on `webgpu` where an adapter exists (suites that read asynchronously). */
export function describeEachBackendAndGpu(title: string, body: (backend: BackendName) => void): void {
  describeEachBackend(title, body, { webgpu: true });
}
