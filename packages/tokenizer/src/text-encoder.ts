/**
 * Text → ids: special-token matching, pre-tokenisation and the BPE model over each chunk, with a chunk cache;
 * and token strings ↔ ids. The engine behind `Tokenizer.encode`; one per tokenizer (its caches are not shared).
 *
 * @internal
 */
import type { BpeModel } from './bpe-model.js';
import { bytesToByteLevel, tryByteLevelToBytes } from './byte-level.js';
import { TokenizerError, describe } from './errors.js';
import { normalize } from './normalizer.js';
import { compilePattern, splitChunks } from './pattern.js';
import { buildMatcher } from './special-tokens.js';
import type { AddedToken, AllowedSpecial } from './special-tokens.js';
import type { TokenizerData } from './tokenizer-data.js';
import { encodeWtf8Into, maxWtf8Length } from './wtf8.js';

/** Chunks at most this long are cached (longer ones are rare and would bloat the cache). */
const MAX_CACHED_CHUNK = 64;
/** The chunk cache is cleared when it reaches this many entries, bounding memory. */
const MAX_CACHE_ENTRIES = 100_000;
/** Matchers for this many distinct `allowedSpecial` sets are kept before the map is cleared. */
const MAX_MATCHERS = 64;

/** @internal */
export class BpeTextEncoder {
  /** Added tokens by their text. */
  readonly byContent = new Map<string, AddedToken>();
  private readonly regex: RegExp;
  /** Matcher of the non-special added tokens (always recognised). */
  private readonly alwaysMatcher: RegExp | null;
  private readonly matchers = new Map<string, RegExp | null>();
  private readonly cache = new Map<string, number | number[]>();
  private buffer = new Uint8Array(1024);
  private readonly scratch: number[] = [];

  constructor(
    private readonly data: TokenizerData,
    private readonly model: BpeModel,
  ) {
    for (const t of data.added) this.byContent.set(t.content, t);
    this.regex = compilePattern(data.pattern);
    this.alwaysMatcher = buildMatcher(data.added.filter((t) => !t.special).map((t) => t.content));
  }

  /** Appends the ids of `text` to `out`; special tokens become their id only where `allowed` allows them. */
  encodeInto(text: string, allowed: AllowedSpecial, out: number[]): void {
    const matcher = this.matcherFor(allowed);
    if (!matcher) {
      this.encodeOrdinaryInto(text, out);
      return;
    }
    matcher.lastIndex = 0;
    let last = 0;
    for (let m = matcher.exec(text); m; m = matcher.exec(text)) {
      if (m.index > last) this.encodeOrdinaryInto(text.slice(last, m.index), out);
      out.push(this.byContent.get(m[0])!.id);
      last = m.index + m[0].length;
    }
    if (last < text.length) this.encodeOrdinaryInto(last === 0 ? text : text.slice(last), out);
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

  /** The matcher of the added tokens `allowed` lets through (plus the non-special ones), cached per set. */
  private matcherFor(allowed: AllowedSpecial): RegExp | null {
    if (allowed === 'none') return this.alwaysMatcher;
    let contents: string[];
    let key: string;
    if (allowed === 'all') {
      key = '\u0000all';
      if (this.matchers.has(key)) return this.matchers.get(key)!;
      contents = this.data.added.map((t) => t.content);
    } else {
      if (typeof allowed === 'string' || typeof (allowed as Iterable<string>)?.[Symbol.iterator] !== 'function') {
        throw new TokenizerError('invalid-input', `encode: allowedSpecial must be 'all', 'none' or a collection of special-token strings but got ${describe(allowed)}.`);
      }
      const set = new Set(allowed);
      for (const s of set) {
        if (!this.byContent.has(s)) {
          throw new TokenizerError('unknown-token', `encode: allowedSpecial names ${describe(s)}, which is not a special token of this tokenizer (${this.data.added.map((t) => t.content).join(', ') || 'none'}).`);
        }
      }
      contents = this.data.added.filter((t) => !t.special || set.has(t.content)).map((t) => t.content);
      key = contents.join('\u0000');
      if (this.matchers.has(key)) return this.matchers.get(key)!;
    }
    const matcher = buildMatcher(contents);
    if (this.matchers.size > MAX_MATCHERS) this.matchers.clear();
    this.matchers.set(key, matcher);
    return matcher;
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
