/**
 * Conversion to and from Hugging Face's tokenizer.json for byte-level BPE tokenizers (GPT-2, Llama 3,
 * Qwen2/3 and GIRL's own). SentencePiece-style files (`byte_fallback`, Metaspace: Llama 2, Mistral) are
 * handed to the `hugging-face-pieces` module.
 *
 * Supported on import: model `BPE` over the byte-level alphabet (no subword prefix or
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
import { obj, readAdded, readMerges, readVocab } from './hugging-face-read.js';
import { isPieceStyle, pieceDataFromHuggingFace, pieceDataToHuggingFace } from './hugging-face-pieces.js';
import type { TokenizerData } from './tokenizer-data.js';
import { encodeWtf8 } from './wtf8.js';

/** A tokenizer.json object (only the fields this library reads or writes are typed). */
export interface HuggingFaceTokenizerJSON {
  version: string;
  truncation: null;
  padding: null;
  added_tokens: { id: number; content: string; single_word: boolean; lstrip: boolean; rstrip: boolean; normalized: boolean; special: boolean }[];
  normalizer: Record<string, unknown> | null;
  pre_tokenizer: Record<string, unknown> | null;
  post_processor: Record<string, unknown> | null;
  decoder: Record<string, unknown>;
  model: {
    type: 'BPE';
    dropout: null;
    unk_token: string | null;
    continuing_subword_prefix: null;
    end_of_word_suffix: null;
    fuse_unk: boolean;
    byte_fallback: boolean;
    ignore_merges: boolean;
    vocab: Record<string, number>;
    /**
     * `"left right"` strings: the form every version of Hugging Face tokenizers reads (byte-level tokens never
     * contain a space); `[left, right]` pairs only for a SentencePiece-style vocabulary whose pieces do.
     */
    merges: string[] | [string, string][];
  };
}

const BYTE_LEVEL = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: false };

/** Converts tokenizer data to a tokenizer.json object that Hugging Face tokenizers (Rust, Python, JS) load. */
export function dataToHuggingFace(data: TokenizerData): HuggingFaceTokenizerJSON {
  if (data.pieces) return pieceDataToHuggingFace({ ...data, pieces: data.pieces });
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
  if (model.continuing_subword_prefix || model.end_of_word_suffix) throw unsupported('continuing_subword_prefix / end_of_word_suffix are not supported.');
  if (isPieceStyle(root, model)) return pieceDataFromHuggingFace(root, model);
  const pattern = readPattern(root.pre_tokenizer);
  const normalizers = readNormalizers(root.normalizer);
  if (root.decoder !== null && root.decoder !== undefined && obj(root.decoder, 'decoder').type !== 'ByteLevel') {
    throw unsupported(`decoder ${describe(obj(root.decoder, 'decoder').type)} is not ByteLevel.`);
  }
  const idOf = readVocab(model);
  const added = readAdded(root);
  const addedIds = new Set(added.map((t) => t.id));
  const tokens: Uint8Array[] = [];
  for (const [token, id] of idOf) {
    if (addedIds.has(id)) continue;
    tokens[id] = byteLevelToBytes(token, `tokenizer.json model.vocab[${JSON.stringify(token)}]`);
  }
  for (const t of added) tokens[t.id] = encodeWtf8(t.content);
  for (let id = 0; id < tokens.length; id++) if (tokens[id] === undefined) tokens[id] = new Uint8Array(0); // unused id
  const merges = readMerges(model, idOf);
  return { tokens, merges, pattern, normalizers, added: added.sort((x, y) => x.id - y.id), ignoreMerges: model.ignore_merges === true };
}
