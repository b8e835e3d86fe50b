import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  shims: true,
  // tfjs-core registers no gradients by itself and its registration module is ESM-only, which plain
  // Node cannot load from the package's CJS entry. Bundle that one module (and the gradient/op code it
  // pulls in), as @tensorflow/tfjs's own Node build does: registries and the engine live on a global,
  // so the bundled code registers into the same tfjs-core instance the rest of the package uses.
  noExternal: [/@tensorflow\/tfjs-core\/dist\/register_all_gradients/],
  external: ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-backend-webgl', '@tensorflow/tfjs-backend-webgpu'],
});
