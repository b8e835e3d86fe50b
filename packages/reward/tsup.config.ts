import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The Node entry and `@girl/reward/internal` (helpers outside the semver promise).
    entry: ['src/index.ts', 'src/internal.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: false, // the build script empties dist first: with several configs, one config's clean raced the others' .d.ts output
    target: 'node20',
    platform: 'node',
  },
  {
    // The "browser" export condition: the file-free part of the package (see src/browser.ts).
    entry: ['src/browser.ts'],
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: false,
    target: 'es2022',
    platform: 'browser',
  },
]);
