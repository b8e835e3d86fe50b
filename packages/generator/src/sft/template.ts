/**
 * The SFT prompt template: `<|bos|> <|cv|> {cv} <|sep|> <|jd|> {jd} <|eos|>`.
 *
 * The CV and JD are encoded as plain text (a `<|eos|>` typed inside a CV stays text), the markers as
 * special ids. The loss mask is 1 on the JD tokens and on `<|eos|>` (the model must learn to stop) and 0
 * on the prompt, so the model learns to write JDs, not CVs.
 */
import type { Tokenizer } from '@girl/tokenizer';
import { truncateIds } from '@girl/tokenizer';

/** Options of {@link encodeSftExample}. */
export interface SftEncodeOptions {
  /** Longest encoded example, special tokens included: the model's `contextLength`. Required. */
  maxLength: number;
  /**
   * CV tokens always kept when the JD is long: a JD is cut (its tail, counted in `jdTruncated`) before the
   * CV goes below this. Default `32`: a model cannot learn to write for a CV it cannot see.
   */
  minCvTokens?: number;
}

/** One encoded SFT example. */
export interface SftExample {
  /** The whole sequence `[bos, cv, …cv, sep, jd, …jd, eos]` (length ≤ maxLength). */
  ids: Int32Array;
  /** Index of the first JD token: `ids.slice(0, promptLength)` is the generation prompt. */
  promptLength: number;
  /** 1 where `ids[i]` is a JD token or the final `<|eos|>` (a target the loss counts), else 0. */
  targetMask: Uint8Array;
  /** CV tokens dropped (head + tail kept). */
  cvTruncated: number;
  /** JD tokens dropped from the tail (then no `<|eos|>` is appended: the JD did not end there). */
  jdTruncated: number;
}

/** The special ids the template needs, with a clear error when the tokenizer lacks one. */
export function templateIds(tok: Tokenizer): { bos: number; eos: number; cv: number; jd: number; sep: number; pad: number } {
  const get = (role: 'bos' | 'eos' | 'cv' | 'jd' | 'sep' | 'pad'): number => {
    const id = tok.specialId(role);
    if (id === undefined) {
      throw new Error(`SFT template: the tokenizer has no <|${role}|> token; train it with GIRL's default special tokens (Tokenizer.train(texts, { vocabSize })).`);
    }
    return id;
  };
  return { bos: get('bos'), eos: get('eos'), cv: get('cv'), jd: get('jd'), sep: get('sep'), pad: get('pad') };
}

/** Tokens of the template around the CV and JD (`bos cv … sep jd … eos`). */
export const TEMPLATE_OVERHEAD = 5;

/**
 * The generation prompt for a CV: `[bos, cv, …cv, sep, jd]`, the CV cut head + tail to fit
 * `maxPromptTokens` when given.
 *
 * @example
 * ```ts
 * const prompt = sftPrompt(tok, cvText, { maxPromptTokens: 256 - 128 }); // room for 128 new tokens
 * generate(model, tok, [prompt], { maxNewTokens: 128 });
 * ```
 */
export function sftPrompt(tok: Tokenizer, cv: string, options: { maxPromptTokens?: number } = {}): number[] {
  const s = templateIds(tok);
  let cvIds: readonly number[] = tok.encode(cv);
  if (options.maxPromptTokens !== undefined) {
    const budget = options.maxPromptTokens - (TEMPLATE_OVERHEAD - 1);
    if (budget < 1) throw new RangeError(`sftPrompt: maxPromptTokens must be at least ${TEMPLATE_OVERHEAD}, got ${options.maxPromptTokens}.`);
    cvIds = truncateIds(cvIds, budget, 'head-tail');
  }
  return [s.bos, s.cv, ...cvIds, s.sep, s.jd];
}

/**
 * Encodes a CV → JD pair for SFT. If it does not fit `maxLength`, the CV is cut first (keeping its head
 * and tail, where the summary and the latest role usually are); the JD target is never cut unless it
 * alone leaves fewer than `minCvTokens` for the CV, and then only its tail.
 *
 * @example
 * ```ts
 * const ex = encodeSftExample(tok, { cv, jd }, { maxLength: 256 });
 * ex.ids;        // Int32Array [bos, cv, …, sep, jd, …, eos]
 * ex.targetMask; // 0 … 0 1 … 1
 * ```
 */
export function encodeSftExample(tok: Tokenizer, pair: { cv: string; jd: string }, options: SftEncodeOptions): SftExample {
  const { maxLength } = options;
  const minCv = options.minCvTokens ?? 32;
  if (!Number.isInteger(maxLength) || maxLength < TEMPLATE_OVERHEAD + 2) {
    throw new RangeError(`encodeSftExample: maxLength must be an integer >= ${TEMPLATE_OVERHEAD + 2}, got ${maxLength}.`);
  }
  if (typeof pair.cv !== 'string' || typeof pair.jd !== 'string') {
    throw new TypeError(`encodeSftExample: pair.cv and pair.jd must be strings, got ${typeof pair.cv} and ${typeof pair.jd}.`);
  }
  const s = templateIds(tok);
  let cvIds: readonly number[] = tok.encode(pair.cv);
  let jdIds: readonly number[] = tok.encode(pair.jd);
  const room = maxLength - TEMPLATE_OVERHEAD;
  // 1. the JD keeps everything unless that would squeeze the CV below minCv
  let jdTruncated = 0;
  const jdRoom = Math.max(1, room - Math.min(minCv, cvIds.length));
  if (jdIds.length > jdRoom) {
    jdTruncated = jdIds.length - jdRoom;
    jdIds = jdIds.slice(0, jdRoom);
  }
  // 2. the CV gets what is left, head + tail
  const cvRoom = room - jdIds.length + (jdTruncated > 0 ? 1 : 0); // no <|eos|> after a cut JD
  const cvTruncated = Math.max(0, cvIds.length - cvRoom);
  if (cvTruncated > 0) cvIds = truncateIds(cvIds, cvRoom, 'head-tail');
  // 3. assemble
  const prompt = [s.bos, s.cv, ...cvIds, s.sep, s.jd];
  const target = jdTruncated > 0 ? [...jdIds] : [...jdIds, s.eos];
  const ids = Int32Array.from([...prompt, ...target]);
  const targetMask = new Uint8Array(ids.length);
  targetMask.fill(1, prompt.length);
  return { ids, promptLength: prompt.length, targetMask, cvTruncated, jdTruncated };
}
