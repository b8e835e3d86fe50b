import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // bench/ imports the package by name (so benchmarks measure the built artefact under tsx); in tests,
    // point that name at the sources so a test never runs against a stale build.
    alias: { '@girl/tensor': fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
