/** The Tokenizer class: byte-level or SentencePiece-style BPE with special tokens, batching and JSON / Hugging Face / tiktoken conversion. */

import { batchPackOptions, packBatch } from './batch.js';
import type { EncodedBatch } from './batch.js';
import type { DecodeOptions, EncodeBatchOptions, EncodeOptions } from './tokenizer-options.js';
import { TokenizerError, assertString, describe } from './errors.js';
import { type HuggingFaceTokenizerJSON, dataFromHuggingFace, dataToHuggingFace } from './hugging-face.js';
import { concatTokenBytes } from './decode-bytes.js';
import { DEFAULT_SPECIAL_TOKENS, appendSpecialTokens } from './special-tokens.js';
import type { AddedToken, SpecialRole } from './special-tokens.js';
import { type PieceTokenizerJSON, type TokenizerJSON, dataFromJSON, dataToJSON } from './serialize.js';
import { dataFromTiktoken } from './tiktoken.js';
import type { TiktokenOptions } from './tiktoken.js';
import type { TokenizerData } from './tokenizer-data.js';
import { trainTokenizerData } from './train.js';
import type { TrainOptions } from './train.js';
import { type TextCodec, createTextCodec } from './text-codec.js';

export type { DecodeOptions, EncodeBatchOptions, EncodeOptions } from './tokenizer-options.js';

/**
 * A BPE tokenizer: byte-level with GPT-2-style pre-tokenisation (trained here, or imported), or
 * SentencePiece-style with byte fallback (imported from Llama 2-family tokenizer.json files). Instances are
 * immutable; methods that change the vocabulary return a new one.
 *
 * @example
 * ```ts
 * const tok = Tokenizer.train(texts, { vocabSize: 8192 });
 * tok.decode(tok.encode('Senior data engineer, Shanghai 上海')); // 'Senior data engineer, Shanghai 上海'
 * ```
 */
export class Tokenizer {
  /** @internal */
  readonly data: TokenizerData;
  private readonly specialIds = new Set<number>();
  /** Text ↔ ids (special-token matching, chunk cache), byte-level or SentencePiece-style. */
  private readonly encoder: TextCodec;

  /**
   * Builds a tokenizer from its {@link TokenizerData}. Most code uses {@link Tokenizer.train},
   * {@link Tokenizer.fromJSON} or {@link Tokenizer.fromHuggingFace} instead.
   */
  constructor(data: TokenizerData) {
    this.data = data;
    for (const t of data.added) if (t.special) this.specialIds.add(t.id);
    this.encoder = createTextCodec(data);
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
   * Imports a Hugging Face tokenizer.json (parsed) of a BPE tokenizer: byte-level (GPT-2, Llama 3, Qwen3)
   * or SentencePiece-style with byte fallback (Llama 2, Mistral 7B v0.1, TinyLlama). Ids match
   * `@huggingface/tokenizers` (pass `allowedSpecial: 'all'` where it would match special tokens; BOS/EOS
   * templates are not applied). Unsupported components throw `unsupported-config` naming the JSON path.
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

  /**
   * The versioned JSON form (`{ format: 'girl-bpe', version: 1, ... }`, or `format: 'girl-piece-bpe'` holding
   * the tokenizer.json of a SentencePiece-style tokenizer); `JSON.stringify(tok)` uses it.
   */
  toJSON(): TokenizerJSON | PieceTokenizerJSON {
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

  /** The pre-tokenisation pattern (tokenizer.json syntax); `''` for SentencePiece-style tokenizers. */
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
    return this.encoder.byContent.get(content)?.id;
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
   * The token string of `id` as in tokenizer.json: a special token's text, a byte-level BPE token
   * (`'Ġworld'`) or a SentencePiece-style piece (`'▁world'`, `'<0x0A>'`). `undefined` for an unknown id.
   */
  idToToken(id: number): string | undefined {
    return this.encoder.tokenString(id);
  }

  /** The id of a token string as returned by {@link idToToken}, or `undefined`. */
  tokenToId(token: string): number | undefined {
    return this.encoder.idOfTokenString(token);
  }

  /** The raw bytes of token `id`. Throws `unknown-token` for an id outside the vocabulary. */
  tokenBytes(id: number): Uint8Array {
    const bytes = this.data.tokens[id];
    if (bytes === undefined) throw new TokenizerError('unknown-token', `id ${describe(id)} is not in the vocabulary (0..${this.vocabSize - 1}).`);
    return bytes;
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
    this.encoder.encodeInto(text, options.allowedSpecial ?? 'none', out);
    return out;
  }

  /** Encodes text ignoring every special and added token: all text is ordinary. */
  encodeOrdinary(text: string): number[] {
    assertString(text, 'encodeOrdinary(text)');
    const out: number[] = [];
    this.encoder.encodeOrdinaryInto(text, out);
    return out;
  }

  /** The bytes that `ids` stand for, concatenated. Throws `unknown-token` for an id outside the vocabulary. */
  decodeBytes(ids: ArrayLike<number>, options: DecodeOptions = {}): Uint8Array {
    return concatTokenBytes(this.data.tokens, this.specialIds, ids, options.skipSpecial === true);
  }

  /**
   * Decodes ids to text. Byte sequences that are not valid UTF-8 (e.g. a cut-off multi-byte character)
   * become U+FFFD; encoded lone surrogates come back as themselves. SentencePiece-style tokenizers run
   * their tokenizer.json decoder (Llama 2's turns `▁` into spaces and drops the leading one).
   *
   * @example
   * ```ts
   * tok.decode(tok.encode('数据工程师 🚀')); // '数据工程师 🚀'
   * ```
   */
  decode(ids: ArrayLike<number>, options: DecodeOptions = {}): string {
    return this.encoder.decode(ids, options.skipSpecial === true);
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
      this.encoder.encodeInto(text, allowed, out);
      return out;
    });
    const pack = batchPackOptions(options, { pad: this.padId, bos: this.bosId, eos: this.eosId });
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
    return new Tokenizer(appendSpecialTokens(this.data, contents));
  }

  /** A short description for logs: vocabulary size, merges, pattern. */
  toString(): string {
    return `Tokenizer(vocabSize=${this.vocabSize}, merges=${this.data.merges.length / 3}, special=${this.data.added.length}, pattern=${JSON.stringify(this.data.pattern.slice(0, 24))}…)`;
  }
}
