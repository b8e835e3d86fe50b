/**
 * The engine behind a `Tokenizer`: text → ids, ids → text and token strings ↔ ids. Byte-level BPE
 * (GPT-2, Llama 3, Qwen, GIRL's own) and SentencePiece-style BPE (Llama 2, Mistral) each have one.
 *
 * @internal
 */
import { BpeModel } from './bpe-model.js';
import { PieceTextEncoder } from './piece-encoder.js';
import type { AddedToken, AllowedSpecial } from './special-tokens.js';
import { BpeTextEncoder } from './text-encoder.js';
import type { TokenizerData } from './tokenizer-data.js';

/** @internal */
export interface TextCodec {
  /** Added tokens by their text. */
  readonly byContent: ReadonlyMap<string, AddedToken>;
  encodeInto(text: string, allowed: AllowedSpecial, out: number[]): void;
  encodeOrdinaryInto(text: string, out: number[]): void;
  decode(ids: ArrayLike<number>, skipSpecial: boolean): string;
  tokenString(id: number): string | undefined;
  idOfTokenString(token: string): number | undefined;
}

/**
 * The codec for `data`: SentencePiece-style when it has `pieces`, else byte-level.
 *
 * @example
 * ```ts
 * const codec = createTextCodec(data);
 * const ids: number[] = [];
 * codec.encodeInto('hello', 'none', ids);
 * codec.decode(ids, false); // 'hello'
 * ```
 * @internal
 */
export function createTextCodec(data: TokenizerData): TextCodec {
  if (data.pieces) return new PieceTextEncoder({ ...data, pieces: data.pieces });
  const addedIds = new Set(data.added.map((t) => t.id));
  const model = new BpeModel(data.tokens, data.merges, { ignoreMerges: data.ignoreMerges, specialIds: addedIds, ...(data.ranks ? { ranks: data.ranks } : {}) });
  return new BpeTextEncoder(data, model);
}
