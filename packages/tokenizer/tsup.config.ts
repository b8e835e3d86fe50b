import { defineConfig } from 'tsup';

// Two entry points: the browser-safe core and the Node-only file helpers (`@girl/tokenizer/node`).
export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: true, // one shared chunk in CJS too, so both entries share the Tokenizer class
  target: 'es2022',
  platform: 'neutral',
  external: [/^node:/],
});
