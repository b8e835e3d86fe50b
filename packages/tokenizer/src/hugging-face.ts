/**
 * Conversion to and from Hugging Face's tokenizer.json for byte-level BPE tokenizers (GPT-2, Llama 3,
 * Qwen2/3 and GIRL's own).
 *
 * Supported on import: model `BPE` over the byte-level alphabet (no `byte_fallback`, no subword prefix or
 * suffix), `merges` as `"a b"` strings or `[a, b]` pairs, `ignore_merges`; pre-tokenizer `ByteLevel`
 * (GPT-2 regex) or `Sequence[Split(Regex, Isolated), ByteLevel(use_regex: false)]`; normalizer none,
 * NFC/NFD/NFKC/NFKD or a `Sequence` of those; decoder `ByteLevel`; `added_tokens` (their `lstrip`,
 * `rstrip`, `single_word` and `normalized` flags are not applied). Post-processors (templates that add
 * BOS/EOS) are ignored: add special tokens yourself. Anything else throws `unsupported-config`.
 *
 * @example
 * ```ts
 * const json = dataToHuggingFace(data);   // write as tokenizer.json
 * const back = dataFromHuggingFace(json); // same ids
 * ```
 * @module
 */

import { byteLevelToBytes, bytesToByteLevel } from './byte-level.js';
import { TokenizerError, describe } from './errors.js';
import type { NormalizationForm } from './normalizer.js';
import { GPT2_PATTERN } from './pattern.js';
import type { AddedToken } from './special-tokens.js';
import type { TokenizerData } from './tokenizer-data.js';
import { encodeWtf8 } from './wtf8.js';

/** A tokenizer.json object (only the fields this library reads or writes are typed). */
export interface HuggingFaceTokenizerJSON {
  version: string;
  truncation: null;
  padding: null;
  added_tokens: { id: number; content: string; single_word: boolean; lstrip: boolean; rstrip: boolean; normalized: boolean; special: boolean }[];
  normalizer: Record<string, unknown> | null;
  pre_tokenizer: Record<string, unknown>;
  post_processor: Record<string, unknown> | null;
  decoder: Record<string, unknown>;
  model: {
    type: 'BPE';
    dropout: null;
    unk_token: null;
    continuing_subword_prefix: null;
    end_of_word_suffix: null;
    fuse_unk: boolean;
    byte_fallback: boolean;
    ignore_merges: boolean;
    vocab: Record<string, number>;
    /** `"left right"` strings: the form every version of Hugging Face tokenizers reads (byte-level tokens never contain a space). */
    merges: string[];
  };
}

const BYTE_LEVEL = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: false };

/** Converts tokenizer data to a tokenizer.json object that Hugging Face tokenizers (Rust, Python, JS) load. */
export function dataToHuggingFace(data: TokenizerData): HuggingFaceTokenizerJSON {
  const vocab: Record<string, number> = {};
  const addedIds = new Set(data.added.map((t) => t.id));
  data.tokens.forEach((bytes, id) => {
    const key = bytesToByteLevel(bytes);
    // An added token whose text equals a BPE token's bytes lives only in added_tokens.
    if (addedIds.has(id) && Object.hasOwn(vocab, key)) return;
    if (!Object.hasOwn(vocab, key) || addedIds.has(vocab[key]!)) vocab[key] = id;
  });
  const merges: string[] = [];
  const order = Array.from({ length: data.merges.length / 3 }, (_, k) => k);
  if (data.ranks) {
    const ranks = data.ranks;
    order.sort((x, y) => ranks[x]! - ranks[y]! || x - y);
  }
  for (const k of order) merges.push(`${bytesToByteLevel(data.tokens[data.merges[3 * k]!]!)} ${bytesToByteLevel(data.tokens[data.merges[3 * k + 1]!]!)}`);
  const normalizer =
    data.normalizers.length === 0 ? null : data.normalizers.length === 1 ? { type: data.normalizers[0] } : { type: 'Sequence', normalizers: data.normalizers.map((type) => ({ type })) };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: data.added.map((t) => ({ id: t.id, content: t.content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: t.special })),
    normalizer,
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [{ type: 'Split', pattern: { Regex: data.pattern }, behavior: 'Isolated', invert: false }, { ...BYTE_LEVEL }],
    },
    post_processor: { ...BYTE_LEVEL },
    decoder: { ...BYTE_LEVEL },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: data.ignoreMerges,
      vocab,
      merges,
    },
  };
}

function unsupported(what: string): TokenizerError {
  return new TokenizerError('unsupported-config', `tokenizer.json: ${what} @girl/tokenizer imports byte-level BPE tokenizers only (GPT-2, Llama 3, Qwen style).`);
}

function obj(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TokenizerError('invalid-file', `tokenizer.json: ${where} should be an object but is ${describe(value)}.`);
  }
  return value as Record<string, unknown>;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function readPattern(pre: unknown): string {
  if (pre === null || pre === undefined) throw unsupported('pre_tokenizer is null, so the file is not byte-level.');
  const p = obj(pre, 'pre_tokenizer');
  if (p.type === 'ByteLevel') {
    if (p.add_prefix_space === true) throw unsupported('ByteLevel add_prefix_space: true is not supported (it changes the text).');
    if (p.use_regex === false) throw unsupported('ByteLevel with use_regex: false and no Split leaves text unsplit; this is not supported.');
    return GPT2_PATTERN;
  }
  if (p.type === 'Sequence' && Array.isArray(p.pretokenizers) && p.pretokenizers.length === 2) {
    const split = obj(p.pretokenizers[0], 'pre_tokenizer.pretokenizers[0]');
    const bl = obj(p.pretokenizers[1], 'pre_tokenizer.pretokenizers[1]');
    if (split.type === 'Split' && bl.type === 'ByteLevel' && bl.use_regex === false && bl.add_prefix_space !== true) {
      if (split.behavior !== 'Isolated' || split.invert === true) throw unsupported(`Split behavior ${describe(split.behavior)} (invert ${describe(split.invert)}) is not supported; only Isolated.`);
      const pattern = obj(split.pattern, 'pre_tokenizer Split pattern');
      if (typeof pattern.Regex === 'string') return pattern.Regex;
      if (typeof pattern.String === 'string') return escapeRegExp(pattern.String);
    }
  }
  throw unsupported(`pre_tokenizer ${JSON.stringify(p).slice(0, 200)} is not supported.`);
}

function readNormalizers(n: unknown): NormalizationForm[] {
  if (n === null || n === undefined) return [];
  const o = obj(n, 'normalizer');
  if (o.type === 'NFC' || o.type === 'NFD' || o.type === 'NFKC' || o.type === 'NFKD') return [o.type];
  if (o.type === 'Sequence' && Array.isArray(o.normalizers)) return o.normalizers.flatMap((x) => readNormalizers(x));
  throw unsupported(`normalizer ${describe(o.type)} is not supported (only NFC, NFD, NFKC, NFKD and Sequence of them).`);
}

/** Reads a tokenizer.json object; throws `unsupported-config` for components it cannot reproduce exactly. */
export function dataFromHuggingFace(json: unknown): TokenizerData {
  if (typeof json === 'string') throw new TokenizerError('invalid-input', 'fromHuggingFace: expected the parsed tokenizer.json object but got a string; pass JSON.parse(text).');
  const root = obj(json, 'the top level');
  const model = obj(root.model, 'model');
  if (model.type !== undefined && model.type !== 'BPE') throw unsupported(`model type ${describe(model.type)} is not BPE.`);
  if (model.byte_fallback === true) throw unsupported('model.byte_fallback (SentencePiece-style BPE) is not supported.');
  if (model.continuing_subword_prefix || model.end_of_word_suffix) throw unsupported('continuing_subword_prefix / end_of_word_suffix are not supported.');
  const pattern = readPattern(root.pre_tokenizer);
  const normalizers = readNormalizers(root.normalizer);
  if (root.decoder !== null && root.decoder !== undefined && obj(root.decoder, 'decoder').type !== 'ByteLevel') {
    throw unsupported(`decoder ${describe(obj(root.decoder, 'decoder').type)} is not ByteLevel.`);
  }
  // Vocabulary.
  const vocab = obj(model.vocab, 'model.vocab');
  const tokens: Uint8Array[] = [];
  const idOf = new Map<string, number>();
  for (const [token, id] of Object.entries(vocab)) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) throw new TokenizerError('invalid-file', `tokenizer.json: model.vocab[${JSON.stringify(token)}] should be a non-negative integer id but is ${describe(id)}.`);
    idOf.set(token, id);
  }
  const addedRaw = root.added_tokens ?? [];
  if (!Array.isArray(addedRaw)) throw new TokenizerError('invalid-file', `tokenizer.json: added_tokens should be an array but is ${describe(addedRaw)}.`);
  const added: AddedToken[] = addedRaw.map((t: unknown, i) => {
    const r = obj(t, `added_tokens[${i}]`);
    if (typeof r.id !== 'number' || !Number.isInteger(r.id) || r.id < 0 || typeof r.content !== 'string' || r.content === '') {
      throw new TokenizerError('invalid-file', `tokenizer.json: added_tokens[${i}] needs an integer id and non-empty content.`);
    }
    return { id: r.id, content: r.content, special: r.special !== false };
  });
  const addedIds = new Set(added.map((t) => t.id));
  for (const [token, id] of idOf) {
    if (addedIds.has(id)) continue;
    tokens[id] = byteLevelToBytes(token, `tokenizer.json model.vocab[${JSON.stringify(token)}]`);
  }
  for (const t of added) tokens[t.id] = encodeWtf8(t.content);
  for (let id = 0; id < tokens.length; id++) if (tokens[id] === undefined) tokens[id] = new Uint8Array(0); // unused id
  // Merges.
  if (!Array.isArray(model.merges)) throw new TokenizerError('invalid-file', `tokenizer.json: model.merges should be an array but is ${describe(model.merges)}.`);
  const merges = new Int32Array(model.merges.length * 3);
  model.merges.forEach((m: unknown, k) => {
    let pair: unknown[];
    if (typeof m === 'string') {
      const space = m.indexOf(' ', 1);
      pair = space < 0 ? [m] : [m.slice(0, space), m.slice(space + 1)];
    } else pair = Array.isArray(m) ? m : [];
    const [left, right] = pair;
    const a = typeof left === 'string' ? idOf.get(left) : undefined;
    const b = typeof right === 'string' ? idOf.get(right) : undefined;
    const c = typeof left === 'string' && typeof right === 'string' ? idOf.get(left + right) : undefined;
    if (pair.length !== 2 || a === undefined || b === undefined || c === undefined) {
      throw new TokenizerError('invalid-file', `tokenizer.json: model.merges[${k}] = ${JSON.stringify(m)} does not join two vocabulary tokens into a third.`);
    }
    merges[3 * k] = a;
    merges[3 * k + 1] = b;
    merges[3 * k + 2] = c;
  });
  return { tokens, merges, pattern, normalizers, added: added.sort((x, y) => x.id - y.id), ignoreMerges: model.ignore_merges === true };
}
