import { defineConfig } from 'tsup';
import { neutral } from '../../scripts/tsup-presets.mjs';

// Three entry points: the browser-safe core, the Node-only file helpers (`@girl/tokenizer/node`) and the
// helpers outside the semver promise (`@girl/tokenizer/internal`, browser-safe too).
export default defineConfig({
  ...neutral,
  entry: ['src/index.ts', 'src/node.ts', 'src/internal.ts'],
  clean: true,
  splitting: true, // one shared chunk in CJS too, so both entries share the Tokenizer class
});
