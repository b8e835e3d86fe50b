import { GirlError } from '@girl/core';

/**
 * Machine-readable reasons a tokenizer operation failed.
 *
 * - `invalid-input`: a text, id or option had the wrong type or value.
 * - `invalid-vocab-size`: a training target too small to hold the byte alphabet and the special tokens.
 * - `invalid-special-token`: a special token that is empty, duplicated or malformed.
 * - `invalid-file`: a saved tokenizer that is corrupt, truncated or not a tokenizer at all.
 * - `unsupported-version`: a saved tokenizer written by a newer or unknown format version.
 * - `unsupported-config`: a Hugging Face tokenizer.json that uses a component we do not implement.
 * - `unknown-token`: an id or token string that is not in the vocabulary.
 */
export type TokenizerErrorCode =
  | 'invalid-input'
  | 'invalid-vocab-size'
  | 'invalid-special-token'
  | 'invalid-file'
  | 'unsupported-version'
  | 'unsupported-config'
  | 'unknown-token';

/**
 * The one error class `@girl/tokenizer` throws (a @girl/core `GirlError`). Its message says what was wrong, where, and how to fix it;
 * `code` lets callers branch without parsing the message.
 *
 * @example
 * ```ts
 * try { Tokenizer.fromJSON(JSON.parse(text)); }
 * catch (e) { if (e instanceof TokenizerError && e.code === 'unsupported-version') upgrade(); }
 * ```
 */
export class TokenizerError extends GirlError<TokenizerErrorCode> {
  override readonly name = 'TokenizerError';
}

/** Describes a value for an error message: its type and, if short, the value itself. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'string') return value.length > 40 ? `a string of length ${value.length}` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  return `a value of type ${typeof value}`;
}

/** Throws `invalid-input` unless `text` is a string. `where` names the argument, e.g. `encode(text)`. */
export function assertString(text: unknown, where: string): asserts text is string {
  if (typeof text !== 'string') {
    throw new TokenizerError('invalid-input', `${where}: expected a string but got ${describe(text)}. Convert the value to a string first (for example String(value)).`);
  }
}
