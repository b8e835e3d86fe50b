/**
 * `@girl/tokenizer`: GIRL's byte-level BPE tokenizer. Plain TypeScript; runs in Node and browsers.
 * File helpers (`saveTokenizer`, `loadTokenizer`) live in `@girl/tokenizer/node`.
 *
 * @example
 * ```ts
 * import { Tokenizer } from '@girl/tokenizer';
 * const tok = Tokenizer.train(['Senior data engineer', '高级数据工程师'], { vocabSize: 300 });
 * tok.decode(tok.encode('数据工程师')); // '数据工程师'
 * ```
 * @module
 */

import { version } from '../package.json';

/** This package's version, taken from its package.json when it is built (the bundler inlines it). */
export const VERSION: string = version;

export { Tokenizer } from './tokenizer.js';
export type { DecodeOptions, EncodeBatchOptions, EncodeOptions } from './tokenizer.js';
export type { EncodedBatch, PackOptions } from './batch.js';
export { packBatch } from './batch.js';
export { truncateIds } from './truncate.js';
export type { TruncationSide } from './truncate.js';
export { TokenizerError } from './errors.js';
export type { TokenizerErrorCode } from './errors.js';
export { DEFAULT_SPECIAL_TOKENS } from './special-tokens.js';
export type { AddedToken, AllowedSpecial, SpecialRole } from './special-tokens.js';
export type { TrainOptions } from './train.js';
export type { TrainProgress } from './trainer.js';
export type { TiktokenOptions } from './tiktoken.js';
export type { PieceTokenizerJSON, TokenizerJSON } from './serialize.js';
export type { HuggingFaceTokenizerJSON } from './hugging-face.js';
export type { NormalizationForm } from './normalizer.js';
export type { TokenizerData } from './tokenizer-data.js';
export type { PieceData, PieceDecodeStep, PieceNormalizeStep, PrependScheme } from './piece-data.js';
export { CL100K_PATTERN, GPT2_PATTERN, PATTERN_PRESETS, QWEN_PATTERN } from './pattern.js';
export { StreamDecoder } from './stream-decoder.js';
