/**
 * @girl/reward for browsers (the package's `"browser"` export condition): the lexical baselines only —
 * TF-IDF (fit, cosine, coverage, saved form) and "longer CV wins" — which a page uses to rank real jobs
 * against a generated JD. The reward model itself loads from files and stays in the Node entry.
 * @packageDocumentation
 */
export const VERSION = '0.1.0';

export * from './baselines/index.js';
