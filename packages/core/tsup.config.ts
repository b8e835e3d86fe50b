import { defineConfig } from 'tsup';
import pkg from './package.json' with { type: 'json' };

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
  // The version string comes from package.json when the package is built, so a release bump is the only edit.
  define: { __GIRL_PACKAGE_VERSION__: JSON.stringify(pkg.version) },
});
