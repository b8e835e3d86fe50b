import { defineConfig } from 'tsup';

// Three entry points: the browser-safe core, the Node-only file helpers (`@girl/tokenizer/node`) and the
// helpers outside the semver promise (`@girl/tokenizer/internal`, browser-safe too).
export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts', 'src/internal.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: true, // one shared chunk in CJS too, so both entries share the Tokenizer class
  target: 'es2022',
  platform: 'neutral',
  external: [/^node:/],
});
