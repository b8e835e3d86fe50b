export { fitTfidf, tfidfCosine, tfidfFromJSON, tfidfTokens } from './tfidf.js';
export type { TfidfJson, TfidfModel } from './tfidf.js';
export { countWords, longerCvScores, longerCvWins } from './length.js';
