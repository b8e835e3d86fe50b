/**
 * Text → ids for byte-level BPE: special-token matching, pre-tokenisation and the BPE model over each chunk,
 * with a chunk cache; ids → text; and token strings ↔ ids. The engine behind `Tokenizer.encode`; one per tokenizer (its caches are not shared).
 *
 * @internal
 */
import type { BpeModel } from './bpe-model.js';
import { bytesToByteLevel, tryByteLevelToBytes } from './byte-level.js';
import { AddedTokenMatcher } from './added-matcher.js';
import { normalize } from './normalizer.js';
import { compilePattern, splitChunks } from './pattern.js';
import type { AddedToken, AllowedSpecial } from './special-tokens.js';
import type { TokenizerData } from './tokenizer-data.js';
import { concatTokenBytes } from './decode-bytes.js';
import { decodeWtf8, encodeWtf8Into, maxWtf8Length } from './wtf8.js';

/** Chunks at most this long are cached (longer ones are rare and would bloat the cache). */
const MAX_CACHED_CHUNK = 64;
/** The chunk cache is cleared when it reaches this many entries, bounding memory. */
const MAX_CACHE_ENTRIES = 100_000;

/** @internal */
export class BpeTextEncoder {
  private readonly added: AddedTokenMatcher;
  private readonly regex: RegExp;
  private readonly cache = new Map<string, number | number[]>();
  private buffer = new Uint8Array(1024);
  private readonly scratch: number[] = [];
  private readonly specialIds: ReadonlySet<number>;

  constructor(
    private readonly data: TokenizerData,
    private readonly model: BpeModel,
  ) {
    this.added = new AddedTokenMatcher(data.added);
    this.regex = compilePattern(data.pattern);
    this.specialIds = new Set(data.added.filter((t) => t.special).map((t) => t.id));
  }

  /** Added tokens by their text. */
  get byContent(): ReadonlyMap<string, AddedToken> {
    return this.added.byContent;
  }

  /** Appends the ids of `text` to `out`; special tokens become their id only where `allowed` allows them. */
  encodeInto(text: string, allowed: AllowedSpecial, out: number[]): void {
    this.added.split(text, allowed, out, (segment) => this.encodeOrdinaryInto(segment, out));
  }

  /** Appends the ids of `text` to `out`, every added token read as ordinary text. */
  encodeOrdinaryInto(text: string, out: number[]): void {
    if (this.data.normalizers.length > 0) text = normalize(text, this.data.normalizers);
    const chunks = splitChunks(text, this.regex);
    for (let c = 0; c < chunks.length; c++) {
      const chunk = chunks[c]!;
      const hit = this.cache.get(chunk);
      if (hit === undefined) this.encodeChunk(chunk, out);
      else if (typeof hit === 'number') out.push(hit);
      else for (let i = 0; i < hit.length; i++) out.push(hit[i]!);
    }
  }

  private encodeChunk(chunk: string, out: number[]): void {
    const need = maxWtf8Length(chunk.length);
    if (need > this.buffer.length) this.buffer = new Uint8Array(Math.max(need, this.buffer.length * 2));
    const n = encodeWtf8Into(chunk, this.buffer);
    if (chunk.length > MAX_CACHED_CHUNK) {
      this.model.encodeBytes(this.buffer, n, out);
      return;
    }
    const scratch = this.scratch;
    scratch.length = 0;
    this.model.encodeBytes(this.buffer, n, scratch);
    if (this.cache.size >= MAX_CACHE_ENTRIES) this.cache.clear();
    // A chunk from String#match may be a slice that keeps the whole source text alive; cache a flat copy.
    const key = chunk.length >= 13 ? (chunk + ' ').slice(0, -1) : chunk;
    this.cache.set(key, scratch.length === 1 ? scratch[0]! : scratch.slice());
    for (let i = 0; i < scratch.length; i++) out.push(scratch[i]!);
  }

  /** Ids → text: the tokens' bytes as WTF-8, so encoded lone surrogates come back as themselves. */
  decode(ids: ArrayLike<number>, skipSpecial: boolean): string {
    return decodeWtf8(concatTokenBytes(this.data.tokens, this.specialIds, ids, skipSpecial));
  }

  /** A special token's text, or a BPE token in the byte-level alphabet (`'Ġworld'`); undefined for an unknown id. */
  tokenString(id: number): string | undefined {
    const bytes = this.data.tokens[id];
    if (bytes === undefined) return undefined;
    const added = this.data.added.find((t) => t.id === id);
    return added ? added.content : bytesToByteLevel(bytes);
  }

  /** The id of a token string as {@link tokenString} writes it, or undefined. */
  idOfTokenString(token: string): number | undefined {
    const added = this.byContent.get(token);
    if (added) return added.id;
    const bytes = tryByteLevelToBytes(token);
    if (!bytes || bytes.length === 0) return undefined;
    const id = this.model.idOfBytes(bytes);
    return id < 0 ? undefined : id;
  }
}
