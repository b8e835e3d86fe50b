/**
 * Training a GIRL tokenizer from texts: count pre-tokenised chunks, learn merges, lay out the vocabulary.
 *
 * Vocabulary layout: special tokens first (GIRL's defaults get ids 0..5, then user-defined ones), then
 * the 256 bytes, then one id per merge in the order learned.
 *
 * @example
 * ```ts
 * const data = trainTokenizerData(['the cat', 'the hat'], { vocabSize: 270 });
 * data.tokens.length; // <= 270
 * ```
 * @module
 */

import { TokenizerError, describe } from './errors.js';
import { compilePattern, resolvePattern, splitChunks, GPT2_PATTERN } from './pattern.js';
import { DEFAULT_SPECIAL_TOKENS, validateSpecialContent } from './special-tokens.js';
import type { AddedToken } from './special-tokens.js';
import type { TokenizerData } from './tokenizer-data.js';
import { learnMerges } from './trainer.js';
import type { TrainProgress } from './trainer.js';
import { encodeWtf8 } from './wtf8.js';

/** Options of `Tokenizer.train`. */
export interface TrainOptions {
  /**
   * Total vocabulary size: 256 bytes + special tokens + merges. Must be at least 256 + the number of
   * special tokens. Training stops early if no pair occurs `minFrequency` times.
   */
  vocabSize: number;
  /** Pre-tokenisation pattern or preset (`'gpt2'`, `'cl100k'`, `'qwen'`). Default `'gpt2'` (GPT-2's regex). */
  pattern?: string;
  /** Extra special tokens after GIRL's defaults (`<|pad|>` … `<|sep|>`). Default none. */
  specialTokens?: readonly string[];
  /** Set false to leave out GIRL's default special tokens. Default true. */
  defaultSpecialTokens?: boolean;
  /** Stop when the best pair occurs fewer times than this. Default 2. */
  minFrequency?: number;
  /** Progress callback (merges learned so far), every 500 merges and at the end. */
  onProgress?: (p: TrainProgress) => void;
}

/** Counts the pre-tokenised chunks of every text. Throws `invalid-input` naming the first non-string. */
export function countChunks(texts: Iterable<string>, pattern: string): Map<string, number> {
  if (texts === null || typeof texts !== 'object' || typeof (texts as Iterable<string>)[Symbol.iterator] !== 'function') {
    throw new TokenizerError('invalid-input', `train(texts): expected an iterable of strings (an array or a generator) but got ${describe(texts)}.`);
  }
  const regex = compilePattern(pattern);
  const counts = new Map<string, number>();
  let i = 0;
  for (const text of texts) {
    if (typeof text !== 'string') throw new TokenizerError('invalid-input', `train(texts): item ${i} is ${describe(text)}, not a string.`);
    const chunks = splitChunks(text, regex);
    for (let c = 0; c < chunks.length; c++) {
      const chunk = chunks[c]!;
      counts.set(chunk, (counts.get(chunk) ?? 0) + 1);
    }
    i++;
  }
  return counts;
}

/** Trains and returns the data of a tokenizer; `Tokenizer.train` wraps this. */
export function trainTokenizerData(texts: Iterable<string>, options: TrainOptions): TokenizerData {
  if (options === null || typeof options !== 'object') throw new TokenizerError('invalid-input', `train: expected options { vocabSize } but got ${describe(options)}.`);
  const specials: string[] = [...(options.defaultSpecialTokens === false ? [] : Object.values(DEFAULT_SPECIAL_TOKENS))];
  (options.specialTokens ?? []).forEach((s, i) => {
    validateSpecialContent(s, `train: specialTokens[${i}]`);
    if (specials.includes(s)) throw new TokenizerError('invalid-special-token', `train: specialTokens[${i}] ${JSON.stringify(s)} is already a special token; list each once.`);
    specials.push(s);
  });
  const { vocabSize } = options;
  const minimum = 256 + specials.length;
  if (typeof vocabSize !== 'number' || !Number.isInteger(vocabSize) || vocabSize < minimum) {
    throw new TokenizerError('invalid-vocab-size', `train: vocabSize must be an integer of at least ${minimum} (256 bytes + ${specials.length} special tokens) but got ${describe(vocabSize)}; a byte-level vocabulary cannot be smaller than its byte alphabet.`);
  }
  if (options.minFrequency !== undefined && (!Number.isInteger(options.minFrequency) || options.minFrequency < 1)) {
    throw new TokenizerError('invalid-input', `train: minFrequency must be a positive integer but got ${describe(options.minFrequency)}.`);
  }
  const pattern = resolvePattern(options.pattern ?? GPT2_PATTERN);
  const counts = countChunks(texts, pattern);
  const pairs = learnMerges(counts, vocabSize - minimum, {
    ...(options.minFrequency !== undefined ? { minFrequency: options.minFrequency } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  // Lay out ids: specials, bytes, merges.
  const offset = specials.length;
  const tokens: Uint8Array[] = specials.map((s) => encodeWtf8(s));
  const added: AddedToken[] = specials.map((content, id) => ({ id, content, special: true }));
  for (let b = 0; b < 256; b++) tokens.push(Uint8Array.of(b));
  const numMerges = pairs.length / 2;
  const merges = new Int32Array(numMerges * 3);
  for (let k = 0; k < numMerges; k++) {
    const a = pairs[2 * k]! + offset;
    const b = pairs[2 * k + 1]! + offset;
    const ta = tokens[a]!;
    const tb = tokens[b]!;
    const t = new Uint8Array(ta.length + tb.length);
    t.set(ta);
    t.set(tb, ta.length);
    merges[3 * k] = a;
    merges[3 * k + 1] = b;
    merges[3 * k + 2] = tokens.length;
    tokens.push(t);
  }
  return { tokens, merges, pattern, normalizers: [], added, ignoreMerges: false };
}
