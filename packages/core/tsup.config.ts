import { defineConfig } from 'tsup';

// Two entry points: the browser-safe main one and the Node-only file helpers (`@girl/core/node`).
export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  external: [/^node:/],
});
