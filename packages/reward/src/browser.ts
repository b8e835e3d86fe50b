/**
 * @girl/reward for browsers (the package's `"browser"` export condition): the file-free baseline "longer
 * CV wins". TF-IDF, which a page uses to rank real jobs against a generated JD, is @girl/core's (browser-safe:
 * import it from there). The reward model itself loads from files and stays in the Node entry.
 * @packageDocumentation
 */
import { version } from '../package.json';

/** This package's version, taken from its package.json when it is built (the bundler inlines it). */
export const VERSION: string = version;

export { longerCvScores, longerCvWins } from './baselines/length.js';
