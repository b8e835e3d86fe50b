/**
 * The reward model's input: `<|bos|> <|cv|> {cv} <|sep|> <|jd|> {jd} <|eos|>`, both texts cut to a
 * shared budget so neither is ever dropped, and right-padded batches with the index of each row's last
 * real token (the `<|eos|>`, whose hidden state has read the whole pair).
 */
import type { Tokenizer } from '@girl/tokenizer';
import { truncateIds } from '@girl/tokenizer';

/**
 * The template, in order: special tokens by role, and the places of the two texts. Everything about the
 * layout (the ids {@link encodeRmPair} writes, where each text sits, the overhead) is read from here.
 */
export const RM_TEMPLATE = ['bos', 'cv', '{cv}', 'sep', 'jd', '{jd}', 'eos'] as const;

/** Special tokens around the two texts: bos, cv, sep, jd, eos. */
export const RM_TEMPLATE_OVERHEAD = RM_TEMPLATE.length - 2;

const CV_AT = RM_TEMPLATE.indexOf('{cv}');
const JD_AT = RM_TEMPLATE.indexOf('{jd}');

/**
 * Where the CV's and the JD's tokens sit in an encoded pair (`[start, end)` positions), from the
 * template: the CV after the specials before `{cv}`, the JD after the CV and the specials between them.
 *
 * @example
 * ```ts
 * rmTextSpans(10, 7); // { cv: [2, 12], jd: [14, 21] } for <|bos|> <|cv|> cv <|sep|> <|jd|> jd <|eos|>
 * ```
 */
export function rmTextSpans(cvLength: number, jdLength: number): { cv: [number, number]; jd: [number, number] } {
  const cvStart = CV_AT;
  const jdStart = cvStart + cvLength + (JD_AT - CV_AT - 1);
  return { cv: [cvStart, cvStart + cvLength], jd: [jdStart, jdStart + jdLength] };
}

/** Options of {@link encodeRmPair}. */
export interface RmEncodeOptions {
  /** Longest sequence, special tokens included (≤ the backbone's `contextLength`). Required. */
  maxLength: number;
  /**
   * Characters of each text kept before tokenising (CV: head + tail, JD: head); a cheap guard so a
   * 10 MB paste costs no more than a long CV. Default `64 × maxLength`, far above what the token budget keeps.
   */
  maxChars?: number;
}

/** One encoded (CV, JD) pair. */
export interface RmExample {
  /** `[bos, cv, …cv, sep, jd, …jd, eos]`, at most `maxLength` ids. */
  ids: Int32Array;
  /** CV / JD tokens dropped (CV: middle, keeping head and tail; JD: tail). Character pre-cuts count as 1. */
  cvTruncated: number;
  jdTruncated: number;
  /** CV / JD tokens kept; {@link rmTextSpans} says where each sits (`[2, 2 + cvLength)` and `[cvLength + 4, …)`). */
  cvLength: number;
  jdLength: number;
  /** The text was empty (or only whitespace) — or not a string at all. */
  emptyCv: boolean;
  emptyJd: boolean;
  /** Lexical features of the pair (see `lexicalFeatures`), when the model has a lexical head. */
  lexical?: Float32Array;
}

/** The special ids the template needs, with a clear error when the tokenizer lacks one. */
export function rmTemplateIds(tok: Tokenizer): { bos: number; eos: number; cv: number; jd: number; sep: number; pad: number } {
  const get = (role: 'bos' | 'eos' | 'cv' | 'jd' | 'sep' | 'pad'): number => {
    const id = tok.specialId(role);
    if (id === undefined) {
      throw new Error(`@girl/reward: the tokenizer has no <|${role}|> token; train it with GIRL's default special tokens (Tokenizer.train(texts, { vocabSize })).`);
    }
    return id;
  };
  return { bos: get('bos'), eos: get('eos'), cv: get('cv'), jd: get('jd'), sep: get('sep'), pad: get('pad') };
}

/**
 * Splits a token budget between a CV and a JD: both whole when they fit; otherwise the shorter keeps all
 * of itself when it is under half the budget and the longer gets the rest; else half each (CV rounded up).
 *
 * @example
 * ```ts
 * splitBudget(10, 30, 20); // { cv: 10, jd: 10 }
 * splitBudget(4, 30, 20);  // { cv: 4, jd: 16 }
 * ```
 */
export function splitBudget(cvLength: number, jdLength: number, budget: number): { cv: number; jd: number } {
  if (cvLength + jdLength <= budget) return { cv: cvLength, jd: jdLength };
  const jdHalf = Math.floor(budget / 2);
  const cvHalf = budget - jdHalf;
  if (cvLength <= cvHalf) return { cv: cvLength, jd: budget - cvLength };
  if (jdLength <= jdHalf) return { cv: budget - jdLength, jd: jdLength };
  return { cv: cvHalf, jd: jdHalf };
}

function asText(x: unknown): string {
  return typeof x === 'string' ? x : '';
}

/**
 * Encodes one (CV, JD) pair. Never throws on content: a non-string or blank text is encoded as empty
 * and flagged, an over-long one is cut and counted.
 *
 * @example
 * ```ts
 * const ex = encodeRmPair(tok, cvText, jdText, { maxLength: 256 });
 * ex.ids;          // Int32Array [bos, cv, …, sep, jd, …, eos]
 * ex.cvTruncated;  // CV tokens dropped from the middle
 * ```
 */
export function encodeRmPair(tok: Tokenizer, cv: unknown, jd: unknown, options: RmEncodeOptions): RmExample {
  const { maxLength } = options;
  if (!Number.isInteger(maxLength) || maxLength < RM_TEMPLATE_OVERHEAD + 2) {
    throw new RangeError(`encodeRmPair: maxLength must be an integer >= ${RM_TEMPLATE_OVERHEAD + 2}, got ${maxLength}.`);
  }
  const maxChars = options.maxChars ?? 64 * maxLength;
  const s = rmTemplateIds(tok);
  let cvText = asText(cv);
  let jdText = asText(jd);
  let cvCut = 0;
  let jdCut = 0;
  if (cvText.length > maxChars) {
    const head = Math.ceil(maxChars / 2);
    cvText = cvText.slice(0, head) + '\n' + cvText.slice(cvText.length - (maxChars - head));
    cvCut = 1;
  }
  if (jdText.length > maxChars) {
    jdText = jdText.slice(0, maxChars);
    jdCut = 1;
  }
  const cvIds = tok.encode(cvText);
  const jdIds = tok.encode(jdText);
  const keep = splitBudget(cvIds.length, jdIds.length, maxLength - RM_TEMPLATE_OVERHEAD);
  const cvKept = truncateIds(cvIds, keep.cv, 'head-tail');
  const jdKept = truncateIds(jdIds, keep.jd, 'right');
  const ids = new Int32Array(RM_TEMPLATE_OVERHEAD + cvKept.length + jdKept.length);
  let i = 0;
  for (const part of RM_TEMPLATE) {
    if (part === '{cv}') for (const t of cvKept) ids[i++] = t;
    else if (part === '{jd}') for (const t of jdKept) ids[i++] = t;
    else ids[i++] = s[part];
  }
  return {
    ids,
    cvLength: cvKept.length,
    jdLength: jdKept.length,
    cvTruncated: cvIds.length - cvKept.length + cvCut,
    jdTruncated: jdIds.length - jdKept.length + jdCut,
    emptyCv: cvText.trim().length === 0,
    emptyJd: jdText.trim().length === 0,
  };
}

/** A right-padded batch of encoded pairs. */
export interface RmBatch {
  /** `[B, T]` row-major ids, `pad` after each row's end. */
  ids: Int32Array;
  shape: [number, number];
  /** Real tokens per row; the last real token (`<|eos|>`) is at `lengths[b] − 1`. */
  lengths: Int32Array;
  /** CV / JD tokens per row (see {@link RmExample}); 0 where unknown. */
  cvLengths: Int32Array;
  jdLengths: Int32Array;
  /** `[B, F]` row-major lexical features, when every example carries them. */
  lexical?: Float32Array;
}

/**
 * Right-pads examples into one batch (T = the longest row).
 *
 * @example
 * ```ts
 * const b = collateRm([ex1, ex2], tok.padId!); // b.shape = [2, T]
 * ```
 */
export function collateRm(examples: readonly (Pick<RmExample, 'ids'> & Partial<Pick<RmExample, 'cvLength' | 'jdLength' | 'lexical'>>)[], padId: number): RmBatch {
  const B = examples.length;
  const T = examples.reduce((m, e) => Math.max(m, e.ids.length), 1);
  const ids = new Int32Array(B * T).fill(padId);
  const lengths = new Int32Array(B);
  const cvLengths = new Int32Array(B);
  const jdLengths = new Int32Array(B);
  examples.forEach((e, b) => {
    ids.set(e.ids, b * T);
    lengths[b] = e.ids.length;
    cvLengths[b] = e.cvLength ?? 0;
    jdLengths[b] = e.jdLength ?? 0;
  });
  const F = examples[0]?.lexical?.length ?? 0;
  if (F === 0 || !examples.every((e) => e.lexical?.length === F)) return { ids, shape: [B, T], lengths, cvLengths, jdLengths };
  const lexical = new Float32Array(B * F);
  examples.forEach((e, b) => lexical.set(e.lexical as Float32Array, b * F));
  return { ids, shape: [B, T], lengths, cvLengths, jdLengths, lexical };
}

/**
 * Host-side pooling weights `[B·T]` for a right-padded batch: `'last'` puts 1 on each row's last real
 * token, `'mean'` puts 1/length on every real token.
 *
 * @example
 * ```ts
 * poolingWeights(Int32Array.from([2, 3]), 3, 'last'); // [0, 1, 0,  0, 0, 1]
 * ```
 */
export function poolingWeights(lengths: Int32Array, T: number, pooling: 'last' | 'mean'): Float32Array {
  const w = new Float32Array(lengths.length * T);
  lengths.forEach((n, b) => {
    if (pooling === 'last') w[b * T + n - 1] = 1;
    else for (let t = 0; t < n; t++) w[b * T + t] = 1 / n;
  });
  return w;
}

