import { defineConfig } from 'tsup';
import { browser, node } from '../../scripts/tsup-presets.mjs';

const peers = ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-backend-webgl', '@tensorflow/tfjs-backend-webgpu', 'webgpu'];

export default defineConfig([
  {
    // The Node entry and `@girl/tensor/internal` (helpers outside the semver promise).
    ...node,
    entry: ['src/index.ts', 'src/internal.ts'],
    clean: false, // the build script empties dist first: with several configs, one config's clean raced the others' .d.ts output
    shims: true,
    // tfjs-core registers no gradients by itself and its registration module is ESM-only, which plain
    // Node cannot load from the package's CJS entry. Bundle that one module (and the gradient/op code it
    // pulls in), as @tensorflow/tfjs's own Node build does: registries and the engine live on a global,
    // so the bundled code registers into the same tfjs-core instance the rest of the package uses.
    noExternal: [/@tensorflow\/tfjs-core\/dist\/register_all_gradients/],
    external: peers,
  },
  {
    // The "browser" export condition: no node: import, no native addon, no worker_threads (see src/browser.ts).
    ...browser,
    entry: ['src/browser.ts'],
    external: peers,
  },
  {
    // `@girl/tensor/browser-gpu`: side-effect imports of the optional webgl / webgpu backends for browser apps.
    ...browser,
    entry: ['src/browser-gpu.ts'],
    format: ['esm', 'cjs'],
    external: peers,
  },
]);
