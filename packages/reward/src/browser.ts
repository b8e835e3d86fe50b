/**
 * @girl/reward for browsers (the package's `"browser"` export condition): the lexical baselines only —
 * TF-IDF (fit, cosine, coverage, saved form) and "longer CV wins" — which a page uses to rank real jobs
 * against a generated JD. The reward model itself loads from files and stays in the Node entry.
 * @packageDocumentation
 */
import { version } from '../package.json';

/** This package's version, taken from its package.json when it is built (the bundler inlines it). */
export const VERSION: string = version;

export * from './baselines/index.js';
