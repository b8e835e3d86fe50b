/**
 * @girl/core — the plain-TypeScript base every GIRL package may use: one seeded random number
 * generator, TF-IDF and BM25 text scoring, evaluation metrics (AUC, accuracy, log-loss, expected
 * calibration error, pairwise accuracy, NDCG, recall), and the base error class with a `code`. No
 * tensors, no dependencies, safe in a browser. Node-only file helpers live in `@girl/core/node`.
 * @packageDocumentation
 */
import { version } from '../package.json';

/** This package's version, taken from its package.json when it is built (the bundler inlines it). */
export const VERSION: string = version;

export { Rng } from './random/rng.js';
export type { RngAlgorithm, RngSeed, RngState } from './random/rng-state.js';
export { createRng } from './random/simple-rng.js';
export type { SimpleRng } from './random/simple-rng.js';
export { hashString } from './random/hash.js';
export { fitTfidf, tfidfCosine, tfidfFromJSON, tfidfTokens } from './text/tfidf.js';
export type { TfidfJson, TfidfModel } from './text/tfidf.js';
export { fitBm25 } from './text/bm25.js';
export type { Bm25Model, Bm25Options } from './text/bm25.js';
export * from './metrics/index.js';
export { GirlError, isGirlError } from './errors/girl-error.js';
export { assertKnownFields, closestName, describeUnknown, renameFields } from './config/unknown-fields.js';
export type { KnownFieldsOptions } from './config/unknown-fields.js';
export type { GirlErrorOptions } from './errors/girl-error.js';
