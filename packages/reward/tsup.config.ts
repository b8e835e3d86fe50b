import { defineConfig } from 'tsup';
import { browser, node } from '../../scripts/tsup-presets.mjs';

// The build script empties dist/ first: with several configs, one config's clean raced the others' .d.ts output.
export default defineConfig([
  // the Node entry and `@girl/reward/internal` (helpers outside the semver promise)
  { ...node, entry: ['src/index.ts', 'src/internal.ts'], clean: false },
  // the "browser" export condition: the file-free part of the package (see src/browser.ts)
  { ...browser, entry: ['src/browser.ts'] },
]);
