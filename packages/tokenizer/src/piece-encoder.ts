/**
 * Text ↔ ids for SentencePiece-style BPE (Llama 2, Mistral 7B v0.1, TinyLlama), as Hugging Face tokenizers
 * run a tokenizer.json with `byte_fallback`: added tokens are split out first; each stretch of text between
 * them is normalised (`▁` in front, spaces → `▁`) and is one word; the word starts as one id per character
 * (characters the vocabulary lacks become their `<0xNN>` byte tokens, or `<unk>`), and the BPE merges run
 * over those ids with the shared heap-based loop, so long texts stay O(n log n). Decoding runs the file's
 * decoder steps over the token strings.
 *
 * @internal
 */
import { AddedTokenMatcher } from './added-matcher.js';
import { BpeModel } from './bpe-model.js';
import { TokenizerError, describe } from './errors.js';
import type { PieceData } from './piece-data.js';
import { applyMetaspace, decodePieces, normalizePieceText } from './piece-steps.js';
import type { AddedToken, AllowedSpecial } from './special-tokens.js';
import type { TokenizerData } from './tokenizer-data.js';

/** Words at most this long are cached. */
const MAX_CACHED_WORD = 64;
/** The word cache is cleared when it reaches this many entries, bounding memory. */
const MAX_CACHE_ENTRIES = 50_000;

const utf8 = new TextEncoder();

/** @internal */
export class PieceTextEncoder {
  private readonly added: AddedTokenMatcher;
  private readonly pieces: PieceData;
  private readonly model: BpeModel;
  /** Model pieces by their text. */
  private readonly idOfPiece = new Map<string, number>();
  /** The id of `<0xNN>` for each byte, or -1. */
  private readonly byteIds = new Int32Array(256).fill(-1);
  private readonly specialIds: ReadonlySet<number>;
  private readonly addedById = new Map<number, AddedToken>();
  private readonly cache = new Map<string, number[]>();
  private start: number[] = [];

  constructor(private readonly data: TokenizerData & { pieces: PieceData }) {
    this.pieces = data.pieces;
    this.added = new AddedTokenMatcher(data.added);
    for (const t of data.added) this.addedById.set(t.id, t);
    this.specialIds = new Set(data.added.filter((t) => t.special).map((t) => t.id));
    data.pieces.vocab.forEach((piece, id) => {
      if (piece !== undefined && !this.idOfPiece.has(piece)) this.idOfPiece.set(piece, id);
    });
    for (let b = 0; b < 256; b++) this.byteIds[b] = this.idOfPiece.get(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`) ?? -1;
    this.model = new BpeModel(data.tokens, data.merges, { byteLevel: false, specialIds: new Set(this.addedById.keys()) });
  }

  /** Added tokens by their text. */
  get byContent(): ReadonlyMap<string, AddedToken> {
    return this.added.byContent;
  }

  /** Appends the ids of `text` to `out`; special tokens become their id only where `allowed` allows them. */
  encodeInto(text: string, allowed: AllowedSpecial, out: number[]): void {
    this.added.split(text, allowed, out, (segment, at) => this.encodeSegment(segment, at === 0, out));
  }

  /** Appends the ids of `text` to `out`, every added token read as ordinary text. */
  encodeOrdinaryInto(text: string, out: number[]): void {
    this.encodeSegment(text, true, out);
  }

  private encodeSegment(text: string, atStart: boolean, out: number[]): void {
    if (text === '') return;
    let word = normalizePieceText(text, this.pieces.normalizer);
    if (this.pieces.metaspace && word !== '') word = applyMetaspace(word, this.pieces.metaspace, atStart);
    if (word === '') return;
    const hit = this.cache.get(word);
    if (hit !== undefined) {
      for (let i = 0; i < hit.length; i++) out.push(hit[i]!);
      return;
    }
    const whole = this.data.ignoreMerges ? this.idOfPiece.get(word) : undefined;
    if (whole !== undefined) {
      out.push(whole);
      return;
    }
    const ids: number[] = word.length <= MAX_CACHED_WORD ? [] : out;
    const n = this.startIds(word);
    this.model.encodeIds(this.start, n, ids);
    if (ids === out) return;
    if (this.cache.size >= MAX_CACHE_ENTRIES) this.cache.clear();
    this.cache.set(word, ids);
    for (let i = 0; i < ids.length; i++) out.push(ids[i]!);
  }

  /** Fills `this.start` with the word's starting ids (one per character, or its byte tokens, or unk); returns the count. */
  private startIds(word: string): number {
    const start = this.start;
    start.length = 0;
    const { unkId, fuseUnk, byteFallback } = this.pieces;
    let lastUnk = false;
    for (const ch of word) {
      const id = this.idOfPiece.get(ch);
      if (id !== undefined) {
        start.push(id);
        lastUnk = false;
        continue;
      }
      if (byteFallback) {
        const bytes = utf8.encode(ch); // a lone surrogate becomes U+FFFD's bytes, as in @huggingface/tokenizers
        let ok = true;
        for (const b of bytes) ok &&= this.byteIds[b]! >= 0;
        if (ok) {
          for (const b of bytes) start.push(this.byteIds[b]!);
          lastUnk = false;
          continue;
        }
      }
      if (unkId < 0 || (fuseUnk && lastUnk)) continue;
      start.push(unkId);
      lastUnk = true;
    }
    return start.length;
  }

  /** Ids → text through the file's decoder (Llama 2's drops the `▁` the normalizer put in front). */
  decode(ids: ArrayLike<number>, skipSpecial: boolean): string {
    if (ids === null || typeof ids !== 'object' || typeof ids.length !== 'number') {
      throw new TokenizerError('invalid-input', `decode(ids): expected an array of ids but got ${describe(ids)}.`);
    }
    const strings: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const s = this.tokenString(id);
      if (s === undefined) throw new TokenizerError('unknown-token', `decode(ids): ids[${i}] = ${describe(id)} is not in the vocabulary (ids are integers 0..${this.data.tokens.length - 1}).`);
      if (!(skipSpecial && this.specialIds.has(id))) strings.push(s);
    }
    return decodePieces(strings, this.pieces.decoder);
  }

  /** An added token's text or the piece as in tokenizer.json (`'▁the'`, `'<0x0A>'`); undefined for an unknown id. */
  tokenString(id: number): string | undefined {
    if (this.data.tokens[id] === undefined) return undefined;
    return this.addedById.get(id)?.content ?? this.pieces.vocab[id];
  }

  /** The id of a token string as {@link tokenString} writes it, or undefined. */
  idOfTokenString(token: string): number | undefined {
    return this.added.byContent.get(token)?.id ?? this.idOfPiece.get(token);
  }
}
