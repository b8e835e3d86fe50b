import { defineConfig } from 'tsup';
import { neutral } from '../../scripts/tsup-presets.mjs';

// Two entry points: the browser-safe main one and the Node-only file helpers (`@girl/core/node`).
export default defineConfig({ ...neutral, entry: ['src/index.ts', 'src/node.ts'], clean: true });
