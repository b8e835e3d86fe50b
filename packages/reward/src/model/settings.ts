/**
 * A reward model's settings (everything that is not the backbone's shape or the head's weights), the
 * types of its scoring reports, the saved-format constants, and the check that turns partial settings into
 * complete ones.
 */
import type { CausalLM, GptConfigInput } from '@girl/generator';
import type { TfidfModel } from '@girl/core';
import type { Tokenizer } from '@girl/tokenizer';
import type { LexicalKind } from './lexical.js';

/** Format tag and version of a saved reward model (`state.json`). */
export const RM_FORMAT = 'girl-reward-model';
/**
 * Version written by this release: 2 when the model has a lexical head (so that @girl/reward 0.1, which
 * would silently drop the head, refuses the folder), else 1. Both are read.
 */
export const RM_FORMAT_VERSION = 2;
/** Saved versions this release reads. */
export const READABLE_VERSIONS = [1, 2];
/** Settings and head weights this release knows; a saved model with others was made by a newer release. */
export const KNOWN_SETTINGS = ['maxLength', 'pooling', 'emptyScore', 'interaction', 'lexical'];
export const KNOWN_HEAD = ['score.weight', 'score.bias', 'score.interaction', 'score.gate', 'score.lexical'];

/** The score of an empty pair unless `emptyScore` says otherwise: σ(−10) ≈ 0.00005, far below any real pair. */
export const DEFAULT_EMPTY_SCORE = -10;

/** Settings of a reward model that are not the backbone's shape. */
export interface RewardModelSettings {
  /**
   * Longest encoded pair in tokens (CV + JD + 5 specials). Default: the backbone's `contextLength`.
   * Longer pairs are cut: the CV's middle (head and tail kept), the JD's tail, sharing the budget.
   */
  maxLength: number;
  /**
   * Which hidden state the head reads. `'last'` (default): the final `<|eos|>`, which under causal
   * attention has read the CV and the whole JD — like GPT2ForSequenceClassification and TRL reward
   * models. `'mean'`: the mean over all tokens (measured in the README; `'last'` was better on both
   * synthetic and RJDB data because only the JD tokens can attend to the CV).
   */
  pooling: 'last' | 'mean';
  /**
   * Score given to a pair whose CV or JD is empty (or not a string): a number (default `-10`, i.e.
   * σ ≈ 0.00005, far below any real pair, so a policy that writes an empty JD is clearly penalised), or
   * `'model'` to let the model score the empty text. Either way the row is listed in `warnings`.
   */
  emptyScore: number | 'model';
  /**
   * An optional late-interaction term added to the head's output. `'maxsim'` adds
   * `α · Σ_t g_t · max_s cos(e_t, e_s) / Σ_t g_t` over JD tokens t and CV tokens s, where e are the
   * backbone's (learned) token embeddings, g_t = σ(h_t · w_g + b) an importance the transformer gives each
   * JD token from its context, and α (`score.interaction`, init 4) and w_g (`score.gate`, init 0) are
   * learned: ColBERT's MaxSim with a learned, contextual weighting. It gives the causal backbone a direct
   * CV↔JD matching path that a small model otherwise learns slowly. Default `'none'`; see the README.
   */
  interaction: 'none' | 'maxsim';
  /**
   * An optional "wide" part of the head over lexical features of the texts. `'tfidf'` adds
   * `10 · Σ_f w_f · x_f` for x = [TF-IDF cosine of CV and JD, IDF-weighted share of the JD's words found
   * in the CV] (see `lexicalFeatures`), each in [0, 1], with w (`score.lexical`, init 0) learned with the rest
   * and the IDF table fitted on training texts and saved with the model. Wide-and-deep: the keyword screen
   * a recruiter runs, plus what the transformer reads; on RJDB, whose unmatched CVs are matched CVs with
   * skills removed, the transformer alone over-fits its 1.3k pairs (README). `'screen'` adds four more
   * features to those two, the questions a recruiter's first screen asks (see `screenFeatures`): share of
   * the JD's listed skills in the CV, share of the JD title's words in the CV's own title, and whether the
   * career stages (years / seniority words) agree. Default `'none'`.
   */
  lexical: LexicalKind;
}

/** Options of `RewardModel.create`. */
export interface CreateRewardModelOptions {
  /** The tokenizer (with GIRL's special tokens). */
  tokenizer: Tokenizer;
  /**
   * Backbone shape (vocabSize defaults to the tokenizer's), or an existing GPT (e.g. an SFT model) to build
   * on. A GPT is copied (`GPT.clone()`) unless `shareBackbone` is set, so training the reward model never
   * changes your model and `rm.dispose()` never frees it.
   */
  backbone?: Partial<GptConfigInput> | CausalLM;
  /**
   * Hand a GPT `backbone` over instead of copying it: the reward model reads and trains that very model
   * and frees it in `dispose()`. Saves one model's memory when you have no other use for it (e.g. an SFT
   * model loaded only to start the reward model from). Default `false`.
   */
  shareBackbone?: boolean;
  /** Seed of the backbone (when created) and the head initialisation. Default `1337`. */
  seed?: number;
  /** See {@link RewardModelSettings}. */
  maxLength?: number;
  pooling?: 'last' | 'mean';
  emptyScore?: number | 'model';
  interaction?: 'none' | 'maxsim';
  lexical?: LexicalKind;
  /**
   * Texts to fit the lexical head's IDF table on (e.g. every CV and JD of the training set), or a fitted
   * TF-IDF model. Required with `lexical: 'tfidf'` or `'screen'`; never fit it on evaluation texts.
   */
  lexicalCorpus?: Iterable<string> | TfidfModel;
}

/** Why a row's score deserves a look. */
export interface ScoreWarning {
  /** Row index in the call. */
  index: number;
  kind: 'empty-cv' | 'empty-jd' | 'not-a-string' | 'non-finite';
  message: string;
}

/** What `RewardModel.scoreWithReport` returns. */
export interface ScoreReport {
  /** Raw logits (the reward), one per row. */
  scores: number[];
  /** σ(score): P(match). */
  probabilities: number[];
  /** Rows that were empty, not strings, or gave a non-finite score (then replaced by the empty score). */
  warnings: ScoreWarning[];
  /** Rows whose CV / JD was cut to fit `maxLength`. */
  truncatedCv: number;
  truncatedJd: number;
}

/** Options of `RewardModel.score`. */
export interface ScoreOptions {
  /** Pairs per forward pass. Default `32`. Pairs are sorted by length first, so padding stays small. */
  batchSize?: number;
}

/** A reward function of text, as PPO consumes it. */
export type RewardFn = (cv: string, jd: string) => Promise<number>;

/** Options of `RewardModel.rewardFn`. */
export interface RewardFnOptions extends ScoreOptions {
  /** `'logit'` (default, the raw reward as TRL uses it) or `'probability'` (σ(logit), in [0, 1]). */
  output?: 'logit' | 'probability';
  /** Called with each flush's warnings (empty texts, …) so a PPO run can log them. */
  onWarnings?: (warnings: ScoreWarning[]) => void;
}

/** Cumulative counters since the model was made (useful in PPO logs). */
export interface ScoreStats {
  scored: number;
  empty: number;
  truncatedCv: number;
  truncatedJd: number;
  nonFinite: number;
}

/**
 * Fills in and checks settings against the backbone's context length.
 *
 * @throws RangeError naming the setting and the allowed values.
 */
export function resolveRewardSettings(settings: Partial<RewardModelSettings>, contextLength: number): RewardModelSettings {
  const maxLength = settings.maxLength ?? contextLength;
  if (!Number.isInteger(maxLength) || maxLength < 8 || maxLength > contextLength) {
    throw new RangeError(`RewardModel: maxLength must be an integer in [8, contextLength = ${contextLength}], got ${maxLength}.`);
  }
  const pooling = settings.pooling ?? 'last';
  if (pooling !== 'last' && pooling !== 'mean') throw new RangeError(`RewardModel: pooling must be 'last' or 'mean', got ${JSON.stringify(pooling)}.`);
  const emptyScore = settings.emptyScore ?? DEFAULT_EMPTY_SCORE;
  if (emptyScore !== 'model' && !Number.isFinite(emptyScore)) throw new RangeError(`RewardModel: emptyScore must be a finite number or 'model', got ${String(emptyScore)}.`);
  const interaction = settings.interaction ?? 'none';
  if (interaction !== 'none' && interaction !== 'maxsim') throw new RangeError(`RewardModel: interaction must be 'none' or 'maxsim', got ${JSON.stringify(interaction)}.`);
  const lexical = settings.lexical ?? 'none';
  if (lexical !== 'none' && lexical !== 'tfidf' && lexical !== 'screen') {
    throw new RangeError(`RewardModel: lexical must be 'none', 'tfidf' or 'screen', got ${JSON.stringify(lexical)}.`);
  }
  return { maxLength, pooling, emptyScore, interaction, lexical };
}
