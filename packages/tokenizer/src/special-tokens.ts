/**
 * Special tokens: strings such as `<|eos|>` that map to one reserved id, are never split, and are never
 * produced from plain text unless the caller allows it.
 *
 * GIRL's default set, with stable ids 0–5 in every tokenizer trained by `Tokenizer.train`:
 *
 * | name | token | id |
 * | --- | --- | --- |
 * | pad | `<\|pad\|>` | 0 |
 * | bos | `<\|bos\|>` | 1 |
 * | eos | `<\|eos\|>` | 2 |
 * | cv  | `<\|cv\|>`  | 3 |
 * | jd  | `<\|jd\|>`  | 4 |
 * | sep | `<\|sep\|>` | 5 |
 *
 * @example
 * ```ts
 * DEFAULT_SPECIAL_TOKENS.eos; // '<|eos|>'
 * ```
 * @module
 */

import { TokenizerError, describe } from './errors.js';
import type { TokenizerData } from './tokenizer-data.js';
import { encodeWtf8 } from './wtf8.js';

/** GIRL's default special tokens by role; `Tokenizer.train` gives them ids 0..5 in this order. */
export const DEFAULT_SPECIAL_TOKENS = {
  pad: '<|pad|>',
  bos: '<|bos|>',
  eos: '<|eos|>',
  cv: '<|cv|>',
  jd: '<|jd|>',
  sep: '<|sep|>',
} as const;

/** A role of a default special token. */
export type SpecialRole = keyof typeof DEFAULT_SPECIAL_TOKENS;

/**
 * A token added on top of BPE. `special: true` (the usual case) makes it a control token, matched in
 * text only when allowed; `special: false` makes it an ordinary added word that is always matched, as
 * Hugging Face's non-special added tokens are.
 */
export interface AddedToken {
  id: number;
  content: string;
  special: boolean;
}

/**
 * Which special tokens `encode` may produce from their text:
 * `'none'` (default): none — their text is encoded as ordinary bytes, so user text cannot inject control tokens;
 * `'all'`: every special token; or a collection of the token strings to allow.
 */
export type AllowedSpecial = 'all' | 'none' | Iterable<string>;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Builds a regex that finds any of `contents`, longest first (leftmost-longest match). */
export function buildMatcher(contents: readonly string[]): RegExp | null {
  if (contents.length === 0) return null;
  const sorted = [...contents].sort((x, y) => y.length - x.length || (x < y ? -1 : 1));
  return new RegExp(sorted.map(escapeRegExp).join('|'), 'g');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True if `s` holds a surrogate code unit without its partner (so it is not well-formed Unicode). */
export function hasLoneSurrogate(s: string): boolean {
  return LONE_SURROGATE.test(s);
}

/** Checks a user-supplied special-token string; `where` names it for the error. */
export function validateSpecialContent(content: unknown, where: string): asserts content is string {
  if (typeof content !== 'string' || content.length === 0) {
    throw new TokenizerError('invalid-special-token', `${where}: a special token must be a non-empty string but got ${describe(content)}.`);
  }
  if (hasLoneSurrogate(content)) {
    throw new TokenizerError('invalid-special-token', `${where}: ${JSON.stringify(content)} contains a lone surrogate; special tokens must be well-formed Unicode.`);
  }
}

/**
 * `data` with `contents` appended as special tokens (ids `data.tokens.length`, …); contents already present
 * keep their ids. Throws `invalid-special-token` naming the bad entry.
 *
 * @example
 * ```ts
 * const more = appendSpecialTokens(tok.data, ['<|skill|>']); // new Tokenizer(more).specialId('<|skill|>') === tok.vocabSize
 * ```
 */
export function appendSpecialTokens(data: TokenizerData, contents: readonly string[]): TokenizerData {
  if (!Array.isArray(contents)) throw new TokenizerError('invalid-input', `withSpecialTokens: expected an array of strings but got ${describe(contents)}.`);
  const tokens = [...data.tokens];
  const added = [...data.added];
  const seen = new Set(added.map((t) => t.content));
  contents.forEach((content, i) => {
    validateSpecialContent(content, `withSpecialTokens([${i}])`);
    if (seen.has(content)) return;
    seen.add(content);
    added.push({ id: tokens.length, content, special: true });
    tokens.push(encodeWtf8(content));
  });
  return { ...data, tokens, added };
}
