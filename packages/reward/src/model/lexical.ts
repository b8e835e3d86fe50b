/**
 * Lexical features of a (CV, JD) pair for the reward model's optional "wide" head
 * (`lexical: 'tfidf'`): what a recruiter's keyword screen sees, next to what the transformer reads.
 * Computed on the host from the texts with a TF-IDF table fitted on training texts and saved with the model.
 */
import type { TfidfModel } from '@girl/core';
import { SCREEN_FEATURES, screenFeatures } from './screen.js';

/** The features, in order: TF-IDF cosine of CV and JD; IDF-weighted share of the JD's words found in the CV. */
export const LEXICAL_FEATURES = ['tfidfCosine', 'jdTermCoverage'] as const;

/** Number of `'tfidf'` lexical features (its `score.lexical` weight is `[LEXICAL_FEATURE_COUNT, 1]`). */
export const LEXICAL_FEATURE_COUNT = LEXICAL_FEATURES.length;

/** The kinds of wide head: none, the keyword screen (`'tfidf'`), or it plus the recruiter screen (`'screen'`). */
export type LexicalKind = 'none' | 'tfidf' | 'screen';

/** Feature names of a kind of wide head, in order (`'screen'`: the two TF-IDF ones, then `SCREEN_FEATURES`). */
export function lexicalFeatureNames(kind: LexicalKind): readonly string[] {
  return kind === 'none' ? [] : kind === 'tfidf' ? LEXICAL_FEATURES : [...LEXICAL_FEATURES, ...SCREEN_FEATURES];
}

/** Number of features of a kind of wide head (0, 2 or 6): the `score.lexical` weight is `[count, 1]`. */
export function lexicalFeatureCount(kind: LexicalKind): number {
  return lexicalFeatureNames(kind).length;
}

/**
 * Each feature enters the logit as `LEXICAL_SCALE · w · x` with w starting at 0 (a fresh model is the deep
 * model; it learns how far to trust the keyword screen). The scale lets AdamW, whose step is ~lr per
 * weight, move a feature's effect by a useful amount within tens of steps at the backbone's learning rate.
 */
export const LEXICAL_SCALE = 10;

/**
 * The lexical features of one pair for a kind of wide head (default `'tfidf'`), each in [0, 1]; zeros
 * when either text is empty or not a string.
 *
 * @example
 * ```ts
 * const tfidf = fitTfidf(trainTexts);
 * lexicalFeatures(tfidf, cv, jd);           // Float32Array [cosine, coverage]
 * lexicalFeatures(tfidf, cv, jd, 'screen'); // the same two, then skill, title and seniority fit
 * ```
 */
export function lexicalFeatures(tfidf: TfidfModel, cv: unknown, jd: unknown, kind: Exclude<LexicalKind, 'none'> = 'tfidf'): Float32Array {
  const out = new Float32Array(lexicalFeatureCount(kind));
  if (typeof cv !== 'string' || typeof jd !== 'string' || cv.trim() === '' || jd.trim() === '') return out;
  out[0] = clamp01(tfidf.cosine(cv, jd));
  out[1] = clamp01(tfidf.coverage(cv, jd));
  if (kind === 'screen') screenFeatures(cv, jd).forEach((x, i) => (out[LEXICAL_FEATURE_COUNT + i] = clamp01(x)));
  return out;
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
