/**
 * TF-IDF moved to @girl/core; its names keep working from here.
 *
 * @deprecated import `fitTfidf`, `tfidfCosine`, `tfidfFromJSON`, `tfidfTokens` and their types from `@girl/core`.
 */
export { fitTfidf, tfidfCosine, tfidfFromJSON, tfidfTokens } from '@girl/core';
export type { TfidfJson, TfidfModel } from '@girl/core';
export { countWords, longerCvScores, longerCvWins } from './length.js';
