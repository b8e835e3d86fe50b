import { defineConfig } from 'tsup';

export default defineConfig({
  // index: the library (runPipeline, config, report); cli: the `girl` binary (package.json "bin")
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  // the bin needs a shebang; in the library files it is an inert first line Node skips
  banner: { js: '#!/usr/bin/env node' },
});
