import { defineConfig } from 'vitest/config';
import pkg from './package.json' with { type: 'json' };

export default defineConfig({
  // Same constant the build defines (tsup.config.ts), so tests see the real version.
  define: { __GIRL_PACKAGE_VERSION__: JSON.stringify(pkg.version) },
  test: {
    include: ['src/**/*.test.ts'],
    // A loaded 2-core CI machine must not fail tests that only measure correctness.
    testTimeout: 60_000,
  },
});
