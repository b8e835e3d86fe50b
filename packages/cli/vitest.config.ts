import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // CI runs every package's suite on a 2-core machine; generous per-test limits keep a loaded machine
    // from failing tests that only measure correctness (speed is measured in `npm run bench`).
    testTimeout: 60_000,
  },
});
