/** Options of the tokenizer's encode, decode and batch methods. */
import type { PackOptions } from './batch.js';
import type { AllowedSpecial } from './special-tokens.js';

/** Options of {@link Tokenizer.encode}. */
export interface EncodeOptions {
  /** Which special tokens may be produced from their text. Default `'none'`: see {@link AllowedSpecial}. */
  allowedSpecial?: AllowedSpecial;
}

/** Options of {@link Tokenizer.decode}. */
export interface DecodeOptions {
  /** Leave special tokens (`special: true`) out of the text. Default false. */
  skipSpecial?: boolean;
}

/** Options of {@link Tokenizer.encodeBatch}. */
export interface EncodeBatchOptions extends Omit<PackOptions, 'padId' | 'prefixId' | 'suffixId'>, EncodeOptions {
  /** Put `<|bos|>` before and `<|eos|>` after every row (kept by truncation). Default false. */
  addSpecial?: boolean;
  /** Id used for padding. Default: the `<|pad|>` token's id; required if the tokenizer has none. */
  padId?: number;
}
