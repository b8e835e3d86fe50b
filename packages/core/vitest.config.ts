import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // A loaded 2-core CI machine must not fail tests that only measure correctness.
    testTimeout: 60_000,
  },
});
