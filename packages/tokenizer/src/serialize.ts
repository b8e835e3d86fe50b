/**
 * GIRL's own saved format, versioned:
 *
 * ```json
 * { "format": "girl-bpe", "version": 1, "pattern": "...", "normalizers": [], "ignoreMerges": false,
 *   "vocab": ["<|pad|>", ..., "Ġthe"], "merges": [a, b, result, ...], "ranks": null,
 *   "added": [{ "id": 0, "content": "<|pad|>", "special": true }] }
 * ```
 *
 * `vocab[id]` is the token's bytes in GPT-2's byte-level alphabet (as in tokenizer.json); `merges` holds
 * flat `[a, b, result]` triples in rank order. Reading checks everything and names the field at fault.
 *
 * @example
 * ```ts
 * const json = dataToJSON(data);
 * dataFromJSON(JSON.parse(JSON.stringify(json))); // the same data
 * ```
 * @module
 */

import { byteLevelToBytes, bytesToByteLevel } from './byte-level.js';
import { TokenizerError, describe } from './errors.js';
import { type HuggingFaceTokenizerJSON, dataFromHuggingFace, dataToHuggingFace } from './hugging-face.js';
import { parseForms } from './normalizer.js';
import type { NormalizationForm } from './normalizer.js';
import type { AddedToken } from './special-tokens.js';
import type { TokenizerData } from './tokenizer-data.js';
import { encodeWtf8 } from './wtf8.js';

/** The `format` field of a saved GIRL tokenizer. @example `tok.toJSON().format === FORMAT` */
export const FORMAT = 'girl-bpe';
/** The format version this library writes (and the newest it reads). @example `tok.toJSON().version === FORMAT_VERSION` */
export const FORMAT_VERSION = 1;

/** The JSON form of a GIRL tokenizer, version 1. */
export interface TokenizerJSON {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  pattern: string;
  normalizers: NormalizationForm[];
  ignoreMerges: boolean;
  vocab: string[];
  merges: number[];
  ranks: number[] | null;
  added: AddedToken[];
}

/** The `format` of a saved SentencePiece-style tokenizer (Llama 2, Mistral). @example `llama2.toJSON().format === PIECE_FORMAT` */
export const PIECE_FORMAT = 'girl-piece-bpe';

/**
 * The JSON form of a SentencePiece-style tokenizer, version 1: its tokenizer.json (as `toHuggingFace`
 * writes it) under a GIRL header, so that an older reader says it cannot read it instead of misreading it.
 */
export interface PieceTokenizerJSON {
  format: typeof PIECE_FORMAT;
  version: typeof FORMAT_VERSION;
  huggingFace: HuggingFaceTokenizerJSON;
}

/** Converts tokenizer data to its JSON form. */
export function dataToJSON(data: TokenizerData): TokenizerJSON | PieceTokenizerJSON {
  if (data.pieces) return { format: PIECE_FORMAT, version: FORMAT_VERSION, huggingFace: dataToHuggingFace(data) };
  return {
    format: FORMAT,
    version: FORMAT_VERSION,
    pattern: data.pattern,
    normalizers: [...data.normalizers],
    ignoreMerges: data.ignoreMerges,
    vocab: data.tokens.map((t) => bytesToByteLevel(t)),
    merges: Array.from(data.merges),
    ranks: data.ranks ? Array.from(data.ranks) : null,
    added: data.added.map((t) => ({ id: t.id, content: t.content, special: t.special })),
  };
}

function bad(message: string): TokenizerError {
  return new TokenizerError('invalid-file', `not a valid GIRL tokenizer file: ${message}`);
}

function intArray(value: unknown, field: string, max: number): Int32Array {
  if (!Array.isArray(value)) throw bad(`${field} should be an array of integers but is ${describe(value)}.`);
  const out = new Int32Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= max) throw bad(`${field}[${i}] should be an integer in 0..${max - 1} but is ${describe(v)}.`);
    out[i] = v;
  }
  return out;
}

function checkVersion(version: unknown): void {
  if (typeof version !== 'number' || !Number.isInteger(version)) throw bad(`"version" should be an integer but is ${describe(version)}.`);
  if (version !== FORMAT_VERSION) {
    throw new TokenizerError('unsupported-version', `GIRL tokenizer file has version ${version}, but this @girl/tokenizer reads version ${FORMAT_VERSION}${version > FORMAT_VERSION ? '; upgrade @girl/tokenizer to read it' : ''}.`);
  }
}

function pieceDataFromJSON(o: Record<string, unknown>): TokenizerData {
  checkVersion(o.version);
  let data: TokenizerData;
  try {
    data = dataFromHuggingFace(o.huggingFace);
  } catch (e) {
    throw new TokenizerError(e instanceof TokenizerError ? e.code : 'invalid-file', `not a valid GIRL tokenizer file: "huggingFace": ${(e as Error).message}`);
  }
  if (!data.pieces) throw bad(`format ${JSON.stringify(PIECE_FORMAT)} should hold a SentencePiece-style tokenizer.json under "huggingFace", but it holds a byte-level one.`);
  return data;
}

/** Reads and checks the JSON form; throws `invalid-file` or `unsupported-version` saying what is wrong and where. */
export function dataFromJSON(json: unknown): TokenizerData {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw bad(`expected a JSON object but got ${describe(json)}.`);
  const o = json as Record<string, unknown>;
  if (o.format === PIECE_FORMAT) return pieceDataFromJSON(o);
  if (o.format !== FORMAT) {
    const hint = 'model' in o && 'added_tokens' in o ? ' This looks like a Hugging Face tokenizer.json: use Tokenizer.fromHuggingFace.' : '';
    throw bad(`"format" should be ${JSON.stringify(FORMAT)} or ${JSON.stringify(PIECE_FORMAT)} but is ${describe(o.format)}.${hint}`);
  }
  checkVersion(o.version);
  if (typeof o.pattern !== 'string' || o.pattern.length === 0) throw bad(`"pattern" should be a non-empty string but is ${describe(o.pattern)}.`);
  const normalizers = parseForms(o.normalizers ?? [], '"normalizers"');
  if (typeof o.ignoreMerges !== 'boolean') throw bad(`"ignoreMerges" should be a boolean but is ${describe(o.ignoreMerges)}.`);
  if (!Array.isArray(o.vocab)) throw bad(`"vocab" should be an array of strings but is ${describe(o.vocab)}.`);
  const tokens = o.vocab.map((t: unknown, i) => {
    if (typeof t !== 'string') throw bad(`vocab[${i}] should be a string but is ${describe(t)}.`);
    try {
      return byteLevelToBytes(t, `vocab[${i}]`);
    } catch (e) {
      throw bad((e as Error).message);
    }
  });
  const n = tokens.length;
  const merges = intArray(o.merges, '"merges"', n);
  if (merges.length % 3 !== 0) throw bad(`"merges" should hold [a, b, result] triples but has ${merges.length} numbers.`);
  let ranks: Int32Array | undefined;
  if (o.ranks !== null && o.ranks !== undefined) {
    ranks = intArray(o.ranks, '"ranks"', 0x7fffffff);
    if (ranks.length !== merges.length / 3) throw bad(`"ranks" has ${ranks.length} entries but there are ${merges.length / 3} merges.`);
  }
  for (let k = 0; k < merges.length; k += 3) {
    const a = tokens[merges[k]!]!;
    const b = tokens[merges[k + 1]!]!;
    const c = tokens[merges[k + 2]!]!;
    if (c.length !== a.length + b.length || c.some((x, i) => x !== (i < a.length ? a[i] : b[i - a.length]))) {
      throw bad(`merge ${k / 3} joins ids ${merges[k]} and ${merges[k + 1]} into ${merges[k + 2]}, whose bytes are not their concatenation.`);
    }
  }
  if (!Array.isArray(o.added)) throw bad(`"added" should be an array but is ${describe(o.added)}.`);
  const seen = new Set<number>();
  const added = o.added.map((t: unknown, i): AddedToken => {
    const r = (t ?? {}) as Record<string, unknown>;
    if (typeof r.id !== 'number' || !Number.isInteger(r.id) || r.id < 0 || r.id >= n) throw bad(`added[${i}].id should be an id in 0..${n - 1} but is ${describe(r.id)}.`);
    if (typeof r.content !== 'string' || r.content.length === 0) throw bad(`added[${i}].content should be a non-empty string but is ${describe(r.content)}.`);
    if (typeof r.special !== 'boolean') throw bad(`added[${i}].special should be a boolean but is ${describe(r.special)}.`);
    if (seen.has(r.id)) throw bad(`added[${i}].id ${r.id} is used twice.`);
    seen.add(r.id);
    const bytes = encodeWtf8(r.content);
    const stored = tokens[r.id]!;
    if (bytes.length !== stored.length || bytes.some((x, j) => x !== stored[j])) throw bad(`added[${i}] ${JSON.stringify(r.content)} does not match vocab[${r.id}].`);
    return { id: r.id, content: r.content, special: r.special };
  });
  return { tokens, merges, ...(ranks ? { ranks } : {}), pattern: o.pattern, normalizers, added, ignoreMerges: o.ignoreMerges };
}
