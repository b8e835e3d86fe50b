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

/** Backends every conformance suite runs on (the ones that install everywhere). */
export const TEST_BACKENDS: readonly BackendName[] = ['cpu', 'wasm'];

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
