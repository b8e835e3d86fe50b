import type { Options } from 'tsup';

/** Node entries: ESM and CJS with type declarations and source maps. */
export declare const node: Options;
/** Browser entries: ESM only, never cleans. */
export declare const browser: Options;
/** Entries that run in Node and in browsers alike; `node:` imports stay external. */
export declare const neutral: Options;
