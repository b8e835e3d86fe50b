import { defineConfig } from 'tsup';
import { node } from '../../scripts/tsup-presets.mjs';

export default defineConfig({
  ...node,
  // index: the library (runPipeline, config, report); cli: the `girl` binary (package.json "bin");
  // internal: `@girl/cli/internal`, helpers outside the semver promise
  entry: ['src/index.ts', 'src/cli.ts', 'src/internal.ts'],
  dts: { entry: ['src/index.ts', 'src/internal.ts'] },
  clean: true,
  // the bin needs a shebang; in the library files it is an inert first line Node skips
  banner: { js: '#!/usr/bin/env node' },
});
