export { fitTfidf, tfidfCosine, tfidfTokens } from './tfidf.js';
export type { TfidfModel } from './tfidf.js';
export { countWords, longerCvScores, longerCvWins } from './length.js';
