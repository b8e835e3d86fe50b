/**
 * Test helper (not shipped): runs a suite once per backend that can run here.
 *
 * ```ts
 * describeEachBackend('linear', (backend) => { it('...', () => { ... }); });
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

/** Backends every conformance suite runs on: cpu and wasm always, native where its addon was built. */
export const TEST_BACKENDS: readonly BackendName[] = NATIVE_AVAILABLE ? ['cpu', 'wasm', 'native'] : ['cpu', 'wasm'];

export function describeEachBackend(title: string, body: (backend: BackendName) => void): void {
  for (const backend of TEST_BACKENDS) {
    describe(`${title} [${backend}]`, () => {
      beforeAll(async () => {
        await initBackend(backend);
      });
      body(backend);
    });
  }
}
