/**
 * @girl/tokenizer/internal — pieces of the tokenizer that its users do not call: the WTF-8 codec behind
 * lossless bytes ↔ text (lone surrogates kept) and the format names written by `toJSON()`. For tests and
 * tools that read saved tokenizers by hand; they may change in any release (not covered by semver).
 * @packageDocumentation
 */
export { decodeWtf8, encodeWtf8 } from './wtf8.js';
export { FORMAT, FORMAT_VERSION, PIECE_FORMAT } from './serialize.js';
