/**
 * The tokenizer: byte-level BPE with GPT-2-style pre-tokenisation, special tokens, batching, and
 * conversion to and from JSON, Hugging Face tokenizer.json and tiktoken vocabularies.
 *
 * @example
 * ```ts
 * import { Tokenizer } from '@girl/tokenizer';
 * const tok = Tokenizer.train(texts, { vocabSize: 8192 });
 * const ids = tok.encode('Senior data engineer, Shanghai 上海');
 * tok.decode(ids); // 'Senior data engineer, Shanghai 上海'
 * ```
 * @module
 */

import { packBatch } from './batch.js';
import type { EncodedBatch, PackOptions } from './batch.js';
import { BpeModel } from './bpe-model.js';
import { bytesToByteLevel, tryByteLevelToBytes } from './byte-level.js';
import { TokenizerError, assertString, describe } from './errors.js';
import { dataFromHuggingFace, dataToHuggingFace } from './hugging-face.js';
import type { HuggingFaceTokenizerJSON } from './hugging-face.js';
import { normalize } from './normalizer.js';
import { compilePattern, splitChunks } from './pattern.js';
import { DEFAULT_SPECIAL_TOKENS, buildMatcher, validateSpecialContent } from './special-tokens.js';
import type { AddedToken, AllowedSpecial, SpecialRole } from './special-tokens.js';
import { dataFromJSON, dataToJSON } from './serialize.js';
import type { TokenizerJSON } from './serialize.js';
import { dataFromTiktoken } from './tiktoken.js';
import type { TiktokenOptions } from './tiktoken.js';
import type { TokenizerData } from './tokenizer-data.js';
import { trainTokenizerData } from './train.js';
import type { TrainOptions } from './train.js';
import { decodeWtf8, encodeWtf8, encodeWtf8Into, maxWtf8Length } from './wtf8.js';

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

/** Chunks at most this long are cached (longer ones are rare and would bloat the cache). */
const MAX_CACHED_CHUNK = 64;
/** The chunk cache is cleared when it reaches this many entries, bounding memory. */
const MAX_CACHE_ENTRIES = 100_000;

/** A byte-level BPE tokenizer. Instances are immutable; methods that change the vocabulary return a new one. */
export class Tokenizer {
  /** @internal */
  readonly data: TokenizerData;
  private readonly model: BpeModel;
  private readonly regex: RegExp;
  private readonly specialByContent = new Map<string, AddedToken>();
  private readonly specialIds = new Set<number>();
  private readonly alwaysMatcher: RegExp | null;
  private readonly matchers = new Map<string, RegExp | null>();
  private readonly cache = new Map<string, number | number[]>();
  private buffer = new Uint8Array(1024);
  private readonly scratch: number[] = [];

  /**
   * Builds a tokenizer from its {@link TokenizerData}. Most code uses {@link Tokenizer.train},
   * {@link Tokenizer.fromJSON} or {@link Tokenizer.fromHuggingFace} instead.
   */
  constructor(data: TokenizerData) {
    this.data = data;
    const addedIds = new Set<number>();
    for (const t of data.added) {
      if (t.special) this.specialIds.add(t.id);
      addedIds.add(t.id);
      this.specialByContent.set(t.content, t);
    }
    this.model = new BpeModel(data.tokens, data.merges, { ignoreMerges: data.ignoreMerges, specialIds: addedIds, ...(data.ranks ? { ranks: data.ranks } : {}) });
    this.regex = compilePattern(data.pattern);
    this.alwaysMatcher = buildMatcher(data.added.filter((t) => !t.special).map((t) => t.content));
  }

  /**
   * Trains a tokenizer on `texts` (any iterable of strings) up to `vocabSize` ids. GIRL's default special
   * tokens get ids 0..5, then your `specialTokens`, then the 256 bytes, then the merges.
   *
   * @example
   * ```ts
   * const tok = Tokenizer.train(corpus, { vocabSize: 8192, specialTokens: ['<|skill|>'] });
   * tok.specialId('pad'); // 0
   * ```
   */
  static train(texts: Iterable<string>, options: TrainOptions): Tokenizer {
    return new Tokenizer(trainTokenizerData(texts, options));
  }

  /**
   * Rebuilds a tokenizer from {@link toJSON}'s output (parsed). Throws `invalid-file` for a corrupt file and
   * `unsupported-version` for a version this library does not read.
   *
   * @example
   * ```ts
   * const tok2 = Tokenizer.fromJSON(JSON.parse(JSON.stringify(tok)));
   * ```
   */
  static fromJSON(json: unknown): Tokenizer {
    return new Tokenizer(dataFromJSON(json));
  }

  /**
   * Imports a Hugging Face tokenizer.json (parsed) of a byte-level BPE tokenizer such as GPT-2, Llama 3 or
   * Qwen3. See the `hugging-face` module for what is supported.
   *
   * @example
   * ```ts
   * const qwen = Tokenizer.fromHuggingFace(JSON.parse(readFileSync('tokenizer.json', 'utf8')));
   * qwen.encode('你好，世界', { allowedSpecial: 'all' });
   * ```
   */
  static fromHuggingFace(json: unknown): Tokenizer {
    return new Tokenizer(dataFromHuggingFace(json));
  }

  /**
   * Imports a tiktoken vocabulary (a `.tiktoken` file or js-tiktoken's ranks); ids match tiktoken's.
   *
   * @example
   * ```ts
   * import cl100k from 'js-tiktoken/ranks/cl100k_base';
   * const tok = Tokenizer.fromTiktoken({ ranks: cl100k.bpe_ranks, pattern: cl100k.pat_str, specialTokens: cl100k.special_tokens });
   * ```
   */
  static fromTiktoken(options: TiktokenOptions): Tokenizer {
    return new Tokenizer(dataFromTiktoken(options));
  }

  /** The versioned JSON form (`{ format: 'girl-bpe', version: 1, ... }`); `JSON.stringify(tok)` uses it. */
  toJSON(): TokenizerJSON {
    return dataToJSON(this.data);
  }

  /**
   * A Hugging Face tokenizer.json object with the same behaviour, loadable by `tokenizers` (Rust/Python)
   * and `@huggingface/tokenizers` (JS).
   *
   * @example
   * ```ts
   * writeFileSync('tokenizer.json', JSON.stringify(tok.toHuggingFace()));
   * ```
   */
  toHuggingFace(): HuggingFaceTokenizerJSON {
    return dataToHuggingFace(this.data);
  }

  /** Number of ids, special tokens included (the embedding table size). */
  get vocabSize(): number {
    return this.data.tokens.length;
  }

  /** The pre-tokenisation pattern (tokenizer.json syntax). */
  get pattern(): string {
    return this.data.pattern;
  }

  /** Special and added tokens, in id order. */
  get addedTokens(): readonly AddedToken[] {
    return this.data.added;
  }

  /**
   * The id of a special token given by role (`'pad'`, `'bos'`, `'eos'`, `'cv'`, `'jd'`, `'sep'`) or by its text,
   * or `undefined` if this tokenizer does not have it.
   *
   * @example
   * ```ts
   * tok.specialId('eos');       // 2
   * tok.specialId('<|im_end|>'); // undefined for a GIRL tokenizer
   * ```
   */
  specialId(roleOrContent: SpecialRole | string): number | undefined {
    const content = (DEFAULT_SPECIAL_TOKENS as Record<string, string>)[roleOrContent] ?? roleOrContent;
    return this.specialByContent.get(content)?.id;
  }

  /** Id of `<|pad|>`, if present. */
  get padId(): number | undefined {
    return this.specialId('pad');
  }

  /** Id of `<|bos|>`, if present. */
  get bosId(): number | undefined {
    return this.specialId('bos');
  }

  /** Id of `<|eos|>`, if present. */
  get eosId(): number | undefined {
    return this.specialId('eos');
  }

  /** True if `id` is a special (control) token. */
  isSpecial(id: number): boolean {
    return this.specialIds.has(id);
  }

  /**
   * The token string of `id`: a special token's text, or a BPE token in the byte-level alphabet
   * (as in tokenizer.json, e.g. `'Ġworld'`). Returns `undefined` for an unknown id.
   */
  idToToken(id: number): string | undefined {
    const bytes = this.data.tokens[id];
    if (bytes === undefined) return undefined;
    const added = this.data.added.find((t) => t.id === id);
    return added ? added.content : bytesToByteLevel(bytes);
  }

  /** The id of a token string as returned by {@link idToToken}, or `undefined`. */
  tokenToId(token: string): number | undefined {
    const added = this.specialByContent.get(token);
    if (added) return added.id;
    const bytes = tryByteLevelToBytes(token);
    if (!bytes || bytes.length === 0) return undefined;
    const id = this.model.idOfBytes(bytes);
    return id < 0 ? undefined : id;
  }

  /** The raw bytes of token `id`. Throws `unknown-token` for an id outside the vocabulary. */
  tokenBytes(id: number): Uint8Array {
    const bytes = this.data.tokens[id];
    if (bytes === undefined) throw new TokenizerError('unknown-token', `id ${describe(id)} is not in the vocabulary (0..${this.vocabSize - 1}).`);
    return bytes;
  }

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
        if (!this.specialByContent.has(s)) {
          throw new TokenizerError('unknown-token', `encode: allowedSpecial names ${describe(s)}, which is not a special token of this tokenizer (${this.data.added.map((t) => t.content).join(', ') || 'none'}).`);
        }
      }
      contents = this.data.added.filter((t) => !t.special || set.has(t.content)).map((t) => t.content);
      key = contents.join('\u0000');
      if (this.matchers.has(key)) return this.matchers.get(key)!;
    }
    const matcher = buildMatcher(contents);
    if (this.matchers.size > 64) this.matchers.clear();
    this.matchers.set(key, matcher);
    return matcher;
  }

  /**
   * Encodes text to ids. Text that spells a special token is encoded as ordinary text unless
   * `allowedSpecial` allows that token (unlike tiktoken, which throws by default: CVs and JDs are user
   * text, and encoding never fails on them). Lone surrogates are encoded as their WTF-8 bytes, so
   * `decode(encode(s)) === s` for every string.
   *
   * @example
   * ```ts
   * tok.encode('<|eos|>');                            // several byte-level ids
   * tok.encode('<|eos|>', { allowedSpecial: 'all' }); // [2]
   * ```
   */
  encode(text: string, options: EncodeOptions = {}): number[] {
    assertString(text, 'encode(text)');
    const out: number[] = [];
    this.encodeInto(text, options.allowedSpecial ?? 'none', out);
    return out;
  }

  /** Encodes text ignoring every special and added token: all text is ordinary. */
  encodeOrdinary(text: string): number[] {
    assertString(text, 'encodeOrdinary(text)');
    const out: number[] = [];
    this.encodeOrdinaryInto(text, out);
    return out;
  }

  private encodeInto(text: string, allowed: AllowedSpecial, out: number[]): void {
    const matcher = this.matcherFor(allowed);
    if (!matcher) {
      this.encodeOrdinaryInto(text, out);
      return;
    }
    matcher.lastIndex = 0;
    let last = 0;
    for (let m = matcher.exec(text); m; m = matcher.exec(text)) {
      if (m.index > last) this.encodeOrdinaryInto(text.slice(last, m.index), out);
      out.push(this.specialByContent.get(m[0])!.id);
      last = m.index + m[0].length;
    }
    if (last < text.length) this.encodeOrdinaryInto(last === 0 ? text : text.slice(last), out);
  }

  private encodeOrdinaryInto(text: string, out: number[]): void {
    if (this.data.normalizers.length > 0) text = normalize(text, this.data.normalizers);
    const chunks = splitChunks(text, this.regex);
    const cache = this.cache;
    for (let c = 0; c < chunks.length; c++) {
      const chunk = chunks[c]!;
      const hit = cache.get(chunk);
      if (hit !== undefined) {
        if (typeof hit === 'number') out.push(hit);
        else for (let i = 0; i < hit.length; i++) out.push(hit[i]!);
        continue;
      }
      this.encodeChunk(chunk, out);
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

  /** The bytes that `ids` stand for, concatenated. Throws `unknown-token` for an id outside the vocabulary. */
  decodeBytes(ids: ArrayLike<number>, options: DecodeOptions = {}): Uint8Array {
    if (ids === null || typeof ids !== 'object' || typeof ids.length !== 'number') {
      throw new TokenizerError('invalid-input', `decode(ids): expected an array of ids but got ${describe(ids)}.`);
    }
    const tokens = this.data.tokens;
    const skip = options.skipSpecial === true;
    let total = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const t = tokens[id];
      if (t === undefined) {
        throw new TokenizerError('unknown-token', `decode(ids): ids[${i}] = ${describe(id)} is not in the vocabulary (ids are integers 0..${tokens.length - 1}).`);
      }
      if (!(skip && this.specialIds.has(id))) total += t.length;
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (skip && this.specialIds.has(id)) continue;
      const t = tokens[id]!;
      out.set(t, at);
      at += t.length;
    }
    return out;
  }

  /**
   * Decodes ids to text. Byte sequences that are not valid UTF-8 (e.g. a cut-off multi-byte character)
   * become U+FFFD; encoded lone surrogates come back as themselves.
   *
   * @example
   * ```ts
   * tok.decode(tok.encode('数据工程师 🚀')); // '数据工程师 🚀'
   * ```
   */
  decode(ids: ArrayLike<number>, options: DecodeOptions = {}): string {
    return decodeWtf8(this.decodeBytes(ids, options));
  }

  /**
   * Decodes many id sequences, e.g. `batch.rows()` of an {@link EncodedBatch} (padding already removed).
   *
   * @example
   * ```ts
   * tok.decodeBatch(tok.encodeBatch(['a', 'bb']).rows()); // ['a', 'bb']
   * ```
   */
  decodeBatch(rows: readonly ArrayLike<number>[], options: DecodeOptions = {}): string[] {
    if (!Array.isArray(rows)) throw new TokenizerError('invalid-input', `decodeBatch(rows): expected an array of id arrays but got ${describe(rows)}.`);
    return rows.map((ids) => this.decode(ids, options));
  }

  /**
   * Encodes many texts into one padded batch of typed arrays.
   *
   * @example
   * ```ts
   * const b = tok.encodeBatch(['a CV', 'a much longer CV'], { maxLength: 16, padding: 'left', addSpecial: true });
   * b.shape;          // [2, T]
   * b.attentionMask;  // 0 where padded
   * b.row(0);         // the ids of row 0 without padding
   * ```
   */
  encodeBatch(texts: readonly string[], options: EncodeBatchOptions = {}): EncodedBatch {
    if (!Array.isArray(texts)) throw new TokenizerError('invalid-input', `encodeBatch(texts): expected an array of strings but got ${describe(texts)}.`);
    const allowed = options.allowedSpecial ?? 'none';
    const rows = texts.map((text, i) => {
      assertString(text, `encodeBatch(texts[${i}])`);
      const out: number[] = [];
      this.encodeInto(text, allowed, out);
      return out;
    });
    const padId = options.padId ?? this.padId;
    if (padId === undefined) throw new TokenizerError('invalid-input', 'encodeBatch: this tokenizer has no <|pad|> token; pass padId (for example the eos id).');
    const pack: PackOptions = { ...options, padId };
    if (options.addSpecial) {
      const bos = this.bosId;
      const eos = this.eosId;
      if (bos === undefined || eos === undefined) throw new TokenizerError('invalid-input', 'encodeBatch: addSpecial needs <|bos|> and <|eos|> tokens, which this tokenizer lacks; add them with withSpecialTokens or add them yourself.');
      pack.prefixId = bos;
      pack.suffixId = eos;
    }
    return packBatch(rows, pack);
  }

  /**
   * Returns a new tokenizer with extra special tokens appended to the vocabulary (ids `vocabSize`, ...).
   * Tokens already present keep their ids.
   *
   * @example
   * ```ts
   * const tok2 = tok.withSpecialTokens(['<|skill|>']);
   * tok2.specialId('<|skill|>'); // tok.vocabSize
   * ```
   */
  withSpecialTokens(contents: readonly string[]): Tokenizer {
    if (!Array.isArray(contents)) throw new TokenizerError('invalid-input', `withSpecialTokens: expected an array of strings but got ${describe(contents)}.`);
    const tokens = [...this.data.tokens];
    const added = [...this.data.added];
    const seen = new Set(added.map((t) => t.content));
    contents.forEach((content, i) => {
      validateSpecialContent(content, `withSpecialTokens([${i}])`);
      if (seen.has(content)) return;
      seen.add(content);
      added.push({ id: tokens.length, content, special: true });
      tokens.push(encodeWtf8(content));
    });
    return new Tokenizer({ ...this.data, tokens, added });
  }

  /** A short description for logs: vocabulary size, merges, pattern. */
  toString(): string {
    return `Tokenizer(vocabSize=${this.vocabSize}, merges=${this.model.mergeCount}, special=${this.data.added.length}, pattern=${JSON.stringify(this.data.pattern.slice(0, 24))}…)`;
  }
}
