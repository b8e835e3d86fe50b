// The build settings every @girl package shares, so that each tsup.config.ts says only what is its own
// (entries, clean, externals). Three kinds of output: Node (ESM + CJS, node20), browser (ESM only, es2022,
// the "browser" export condition) and neutral (ESM + CJS, es2022, runs in both; node: imports left as is).

/** Node entries: ESM and CJS with type declarations and source maps. */
export const node = { format: ['esm', 'cjs'], dts: true, sourcemap: true, target: 'node20', platform: 'node' };

/** Browser entries: ESM only; never cleans (a package with a browser entry empties dist/ in its build script). */
export const browser = { format: ['esm'], dts: true, sourcemap: true, clean: false, target: 'es2022', platform: 'browser' };

/** Entries that run in Node and in browsers alike; `node:` imports stay external. */
export const neutral = { format: ['esm', 'cjs'], dts: true, sourcemap: true, target: 'es2022', platform: 'neutral', external: [/^node:/] };
