import { defineConfig } from 'tsup';

export default defineConfig({
  // index: the library (runPipeline, config, report); cli: the `girl` binary (package.json "bin");
  // internal: `@girl/cli/internal`, helpers outside the semver promise
  entry: ['src/index.ts', 'src/cli.ts', 'src/internal.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: ['src/index.ts', 'src/internal.ts'] },
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  // the bin needs a shebang; in the library files it is an inert first line Node skips
  banner: { js: '#!/usr/bin/env node' },
});
