/**
 * The plain data a tokenizer is made of, shared by the JSON, Hugging Face and tiktoken converters.
 * @module
 */

import type { NormalizationForm } from './normalizer.js';
import type { PieceData } from './piece-data.js';
import type { AddedToken } from './special-tokens.js';

/** Everything that defines a tokenizer's behaviour (no caches, no compiled regexes). */
export interface TokenizerData {
  /** id -> bytes, for every id (added tokens hold the UTF-8 of their text). */
  tokens: Uint8Array[];
  /** Flat `[a, b, result]` triples in rank order. */
  merges: Int32Array;
  /** Rank of each merge when it is not simply its index (tiktoken vocabularies). */
  ranks?: Int32Array;
  /** Pre-tokenisation pattern in tokenizer.json (Oniguruma) syntax; `''` for SentencePiece-style tokenizers (no regex split). */
  pattern: string;
  /** Unicode normalisation applied before pre-tokenisation (none for GIRL's own tokenizers). */
  normalizers: NormalizationForm[];
  /** Special and other added tokens. */
  added: AddedToken[];
  /** Use a chunk's own id when the whole chunk is in the vocabulary (Hugging Face `ignore_merges`). */
  ignoreMerges: boolean;
  /**
   * Present for SentencePiece-style BPE (Llama 2, Mistral): the model works on characters and pieces, not
   * bytes; `tokens` then holds each piece's bytes as decoded (`▁` as a space, `<0x0A>` as byte 10).
   */
  pieces?: PieceData;
}
