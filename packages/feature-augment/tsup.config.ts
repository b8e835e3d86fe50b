import { defineConfig } from 'tsup';
import { node } from '../../scripts/tsup-presets.mjs';

// the public API and `@girl/feature-augment/internal` (helpers outside the semver promise)
export default defineConfig({ ...node, entry: ['src/index.ts', 'src/internal.ts'], clean: true });
