/**
 * The data of a SentencePiece-style BPE tokenizer (Llama 2, Mistral 7B v0.1, TinyLlama): BPE over
 * Unicode characters of text whose spaces became `▁`, with `<0xNN>` tokens for bytes of characters the
 * vocabulary lacks. It rides along in {@link TokenizerData} as `pieces`; byte-level tokenizers have none.
 *
 * @example
 * ```ts
 * const llama2 = Tokenizer.fromHuggingFace(json); // json: Llama 2's tokenizer.json
 * llama2.data.pieces?.byteFallback;               // true
 * llama2.idToToken(llama2.encode('Hello')[0]!);   // '▁Hello'
 * ```
 * @module
 */

import type { NormalizationForm } from './normalizer.js';

/** One step of the text normalisation (tokenizer.json `normalizer`), applied in order to each text segment. */
export type PieceNormalizeStep =
  | { type: 'prepend'; text: string }
  | { type: 'replace'; from: string; to: string }
  | { type: 'unicode'; form: NormalizationForm };

/** One step of the decoder (tokenizer.json `decoder`), applied in order to the list of token strings. */
export type PieceDecodeStep =
  | { type: 'replace'; from: string; to: string }
  | { type: 'byte-fallback' }
  | { type: 'fuse' }
  | { type: 'strip'; content: string; start: number; stop: number }
  | { type: 'metaspace'; replacement: string };

/** How a `Metaspace` pre-tokenizer puts a `▁` in front of a segment that does not start with one. */
export type PrependScheme = 'always' | 'first' | 'never';

/** Everything a SentencePiece-style BPE tokenizer adds to the plain {@link TokenizerData}. */
export interface PieceData {
  /** id -> the token's text in tokenizer.json's `model.vocab` (`'▁the'`, `'<0x0A>'`); `undefined` for ids only in `added_tokens`. */
  vocab: (string | undefined)[];
  /** The id given to a character with no token and no byte fallback, or -1 (such characters are dropped). */
  unkId: number;
  /** Runs of unknown characters become one `unkId`. */
  fuseUnk: boolean;
  /** Characters the vocabulary lacks become the `<0xNN>` tokens of their UTF-8 bytes. */
  byteFallback: boolean;
  /** The normalizer's steps. */
  normalizer: PieceNormalizeStep[];
  /** The `Metaspace` pre-tokenizer (spaces → `replacement`, which is also prepended per `prependScheme`), or null. */
  metaspace: { replacement: string; prependScheme: PrependScheme } | null;
  /** The decoder's steps. */
  decoder: PieceDecodeStep[];
}

const BYTE_PIECE = /^<0x([0-9A-Fa-f]{2})>$/;

/** The byte a `<0xNN>` piece stands for, or -1 for any other piece. @example `bytePieceValue('<0x0A>') === 10` */
export function bytePieceValue(piece: string): number {
  const m = piece.length === 6 ? BYTE_PIECE.exec(piece) : null;
  return m ? parseInt(m[1]!, 16) : -1;
}
