/**
 * Batches of encoded texts as flat typed arrays, ready to become `[B, T]` tensors: truncation, padding
 * on either side, attention masks.
 *
 * @example
 * ```ts
 * const batch = packBatch([[5, 6, 7], [8]], { padId: 0, padding: 'left' });
 * batch.shape;         // [2, 3]
 * batch.ids;           // Int32Array [5, 6, 7, 0, 0, 8]
 * batch.attentionMask; // Uint8Array [1, 1, 1, 0, 0, 1]
 * batch.row(1);        // Int32Array [8] (padding removed)
 * ```
 * @module
 */

import { TokenizerError, describe } from './errors.js';
import { truncateIds } from './truncate.js';
import type { TruncationSide } from './truncate.js';

/** Options for packing sequences into a batch. */
export interface PackOptions {
  /** Longest row kept, special tokens included. Default: no limit. */
  maxLength?: number;
  /** Which end to cut when a row is longer than `maxLength`. Default `'right'` (keep the start). */
  truncation?: TruncationSide;
  /** Where padding goes: `'right'` (default; for training) or `'left'` (for generation, so every row ends at T). */
  padding?: 'right' | 'left';
  /** `'longest'` (default): T is the longest row; `'max-length'`: T is `maxLength`. */
  padTo?: 'longest' | 'max-length';
  /** Round T up to a multiple of this (e.g. 8 for tensor cores). Default 1. */
  padToMultipleOf?: number;
  /** Id written into padding positions. */
  padId: number;
  /** Id put before every row (kept by truncation). */
  prefixId?: number;
  /** Id put after every row (kept by truncation). */
  suffixId?: number;
}

/** A padded batch of B rows of T ids, flat in row-major order. */
export interface EncodedBatch {
  /** `[B * T]` ids, row-major; padding positions hold the pad id. */
  ids: Int32Array;
  /** `[B * T]` 1 for real tokens, 0 for padding. */
  attentionMask: Uint8Array;
  /** `[B, T]`. */
  shape: [number, number];
  /** `[B]` number of real tokens in each row. */
  lengths: Int32Array;
  /** `[B]` 1 where the row was truncated. */
  truncated: Uint8Array;
  /** Row `i` without padding, as a view into `ids`. */
  row(i: number): Int32Array;
  /** Every row without padding. */
  rows(): Int32Array[];
}

function checkPositiveInt(value: unknown, name: string, allowZero = false): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new TokenizerError('invalid-input', `encodeBatch: ${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer but got ${describe(value)}.`);
  }
}

/**
 * Packs already-encoded rows into an {@link EncodedBatch}, applying truncation, special ids and padding.
 *
 * @example
 * ```ts
 * packBatch([[7, 8, 9, 10]], { padId: 0, maxLength: 4, prefixId: 1, suffixId: 2 }).ids; // Int32Array [1, 7, 8, 2]
 * ```
 */
export function packBatch(rows: readonly (readonly number[])[], options: PackOptions): EncodedBatch {
  const truncation = options.truncation ?? 'right';
  const padding = options.padding ?? 'right';
  const padTo = options.padTo ?? 'longest';
  const multiple = options.padToMultipleOf ?? 1;
  if (!['right', 'left', 'head-tail'].includes(truncation)) throw new TokenizerError('invalid-input', `encodeBatch: truncation must be 'right', 'left' or 'head-tail' but got ${describe(truncation)}.`);
  if (padding !== 'right' && padding !== 'left') throw new TokenizerError('invalid-input', `encodeBatch: padding must be 'right' or 'left' but got ${describe(padding)}.`);
  if (padTo !== 'longest' && padTo !== 'max-length') throw new TokenizerError('invalid-input', `encodeBatch: padTo must be 'longest' or 'max-length' but got ${describe(padTo)}.`);
  checkPositiveInt(multiple, 'padToMultipleOf');
  checkPositiveInt(options.padId, 'padId', true);
  const extra = (options.prefixId !== undefined ? 1 : 0) + (options.suffixId !== undefined ? 1 : 0);
  let budget = Infinity;
  if (options.maxLength !== undefined) {
    checkPositiveInt(options.maxLength, 'maxLength');
    budget = options.maxLength - extra;
    if (budget < 0) throw new TokenizerError('invalid-input', `encodeBatch: maxLength ${options.maxLength} cannot hold the ${extra} special tokens added to every row; raise maxLength or set addSpecial: false.`);
  } else if (padTo === 'max-length') {
    throw new TokenizerError('invalid-input', "encodeBatch: padTo 'max-length' needs maxLength.");
  }
  const B = rows.length;
  const kept: (readonly number[])[] = new Array(B);
  const lengths = new Int32Array(B);
  const truncated = new Uint8Array(B);
  let longest = 0;
  for (let b = 0; b < B; b++) {
    const row = rows[b]!;
    const cut = truncateIds(row, budget, truncation);
    if (cut.length < row.length) truncated[b] = 1;
    kept[b] = cut;
    lengths[b] = cut.length + extra;
    if (lengths[b]! > longest) longest = lengths[b]!;
  }
  let T = padTo === 'max-length' ? options.maxLength! : longest;
  T = Math.ceil(T / multiple) * multiple;
  const ids = new Int32Array(B * T).fill(options.padId);
  const attentionMask = new Uint8Array(B * T);
  for (let b = 0; b < B; b++) {
    const len = lengths[b]!;
    let at = b * T + (padding === 'left' ? T - len : 0);
    attentionMask.fill(1, at, at + len);
    if (options.prefixId !== undefined) ids[at++] = options.prefixId;
    const row = kept[b]!;
    for (let i = 0; i < row.length; i++) ids[at++] = row[i]!;
    if (options.suffixId !== undefined) ids[at++] = options.suffixId;
  }
  const row = (i: number): Int32Array => {
    if (!Number.isInteger(i) || i < 0 || i >= B) throw new TokenizerError('invalid-input', `EncodedBatch.row: index ${describe(i)} is outside 0..${B - 1}.`);
    const start = i * T + (padding === 'left' ? T - lengths[i]! : 0);
    return ids.subarray(start, start + lengths[i]!);
  };
  return {
    ids,
    attentionMask,
    shape: [B, T],
    lengths,
    truncated,
    row,
    rows: () => Array.from({ length: B }, (_, i) => row(i)),
  };
}

/**
 * The {@link PackOptions} of `Tokenizer.encodeBatch`: padding with `options.padId` or the tokenizer's pad id,
 * and `<|bos|>` … `<|eos|>` around each row when `options.addSpecial`. Throws `invalid-input` saying what
 * the tokenizer lacks and how to fix it.
 *
 * @example
 * ```ts
 * batchPackOptions({ addSpecial: true }, { pad: 0, bos: 1, eos: 2 }); // { addSpecial: true, padId: 0, prefixId: 1, suffixId: 2 }
 * ```
 */
export function batchPackOptions(
  options: Omit<PackOptions, 'padId' | 'prefixId' | 'suffixId'> & { padId?: number; addSpecial?: boolean },
  special: { pad: number | undefined; bos: number | undefined; eos: number | undefined },
): PackOptions {
  const padId = options.padId ?? special.pad;
  if (padId === undefined) throw new TokenizerError('invalid-input', 'encodeBatch: this tokenizer has no <|pad|> token; pass padId (for example the eos id).');
  const pack: PackOptions = { ...options, padId };
  if (options.addSpecial) {
    if (special.bos === undefined || special.eos === undefined) {
      throw new TokenizerError('invalid-input', 'encodeBatch: addSpecial needs <|bos|> and <|eos|> tokens, which this tokenizer lacks; add them with withSpecialTokens or add them yourself.');
    }
    pack.prefixId = special.bos;
    pack.suffixId = special.eos;
  }
  return pack;
}
