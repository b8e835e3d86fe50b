/**
 * tokenizer.json ↔ {@link TokenizerData} for SentencePiece-style BPE (Llama 2, Mistral 7B v0.1, TinyLlama):
 * model `BPE` with `byte_fallback`, `unk_token`, `fuse_unk`, `ignore_merges`; normalizer `Prepend`,
 * `Replace` (String pattern), NFC/NFD/NFKC/NFKD, or a `Sequence` of them; pre-tokenizer none or `Metaspace`
 * (`split: false`); decoder `Replace` (String pattern), `ByteFallback`, `Fuse`, `Strip`, `Metaspace` or a
 * `Sequence` of them. Post-processors (Llama 2's template adding `<s>`) are not applied: add BOS yourself.
 * Anything else throws `unsupported-config` naming the JSON path and what is supported.
 *
 * @example
 * ```ts
 * const data = pieceDataFromHuggingFace(json, json.model); // json: Llama 2's tokenizer.json
 * const back = pieceDataToHuggingFace(data);              // loads in @huggingface/tokenizers, same ids
 * ```
 * @module
 */
import { TokenizerError, describe } from './errors.js';
import type { HuggingFaceTokenizerJSON } from './hugging-face.js';
import { obj, readAdded, readMerges, readVocab } from './hugging-face-read.js';
import type { PieceData, PieceDecodeStep, PieceNormalizeStep, PrependScheme } from './piece-data.js';
import { pieceText } from './piece-steps.js';
import type { TokenizerData } from './tokenizer-data.js';
import { encodeWtf8 } from './wtf8.js';

const NORMALIZERS = 'Prepend, Replace (String pattern), NFC, NFD, NFKC, NFKD and Sequence of these';
const DECODERS = 'Replace (String pattern), ByteFallback, Fuse, Strip, Metaspace and Sequence of these';

function unsupported(what: string): TokenizerError {
  return new TokenizerError('unsupported-config', `tokenizer.json: ${what}`);
}

function str(o: Record<string, unknown>, key: string, where: string, fallback?: string): string {
  const v = o[key] ?? fallback;
  if (typeof v !== 'string') throw new TokenizerError('invalid-file', `tokenizer.json: ${where}.${key} should be a string but is ${describe(v)}.`);
  return v;
}

function stringPattern(o: Record<string, unknown>, where: string): string {
  const p = obj(o.pattern, `${where}.pattern`);
  if (typeof p.String === 'string' && p.String !== '') return p.String;
  throw unsupported(`${where}.pattern ${JSON.stringify(p).slice(0, 80)} is not supported: only a non-empty {"String": ...} pattern (no Regex) in SentencePiece-style files.`);
}

/** True if the file is SentencePiece-style (byte fallback, a Metaspace pre-tokenizer, or no pre-tokenizer and a Prepend normalizer). */
export function isPieceStyle(root: Record<string, unknown>, model: Record<string, unknown>): boolean {
  if (model.byte_fallback === true) return true;
  const pre = root.pre_tokenizer as { type?: unknown } | null | undefined;
  if (pre?.type === 'Metaspace') return true;
  return (pre === null || pre === undefined) && JSON.stringify(root.normalizer ?? null).includes('"Prepend"');
}

function readNormalizer(n: unknown, where: string): PieceNormalizeStep[] {
  if (n === null || n === undefined) return [];
  const o = obj(n, where);
  if (o.type === 'Sequence' && Array.isArray(o.normalizers)) return o.normalizers.flatMap((x, i) => readNormalizer(x, `${where}.normalizers[${i}]`));
  if (o.type === 'Prepend') return [{ type: 'prepend', text: str(o, 'prepend', where) }];
  if (o.type === 'Replace') return [{ type: 'replace', from: stringPattern(o, where), to: str(o, 'content', where) }];
  if (o.type === 'NFC' || o.type === 'NFD' || o.type === 'NFKC' || o.type === 'NFKD') return [{ type: 'unicode', form: o.type }];
  throw unsupported(`${where} of type ${describe(o.type)} is not supported with model.byte_fallback / SentencePiece-style BPE; supported: ${NORMALIZERS}.`);
}

function readScheme(o: Record<string, unknown>, where: string): PrependScheme {
  if (o.prepend_scheme === undefined || o.prepend_scheme === null) return o.add_prefix_space === false ? 'never' : 'always';
  if (o.prepend_scheme === 'always' || o.prepend_scheme === 'first' || o.prepend_scheme === 'never') return o.prepend_scheme;
  throw new TokenizerError('invalid-file', `tokenizer.json: ${where}.prepend_scheme should be "always", "first" or "never" but is ${describe(o.prepend_scheme)}.`);
}

function readMetaspace(pre: unknown): PieceData['metaspace'] {
  if (pre === null || pre === undefined) return null;
  const o = obj(pre, 'pre_tokenizer');
  if (o.type !== 'Metaspace') {
    throw unsupported(`pre_tokenizer of type ${describe(o.type)} is not supported with model.byte_fallback / SentencePiece-style BPE; supported: none (null) or Metaspace.`);
  }
  if (o.split === true) throw unsupported('pre_tokenizer Metaspace with split: true is not supported (Llama-family files use split: false).');
  return { replacement: str(o, 'replacement', 'pre_tokenizer', '▁'), prependScheme: readScheme(o, 'pre_tokenizer') };
}

function readDecoder(d: unknown, where: string): PieceDecodeStep[] {
  const o = obj(d, where);
  if (o.type === 'Sequence' && Array.isArray(o.decoders)) return o.decoders.flatMap((x, i) => readDecoder(x, `${where}.decoders[${i}]`));
  if (o.type === 'Replace') return [{ type: 'replace', from: stringPattern(o, where), to: str(o, 'content', where) }];
  if (o.type === 'ByteFallback') return [{ type: 'byte-fallback' }];
  if (o.type === 'Fuse') return [{ type: 'fuse' }];
  if (o.type === 'Strip') {
    const count = (key: string): number => {
      const v = o[key] ?? 0;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new TokenizerError('invalid-file', `tokenizer.json: ${where}.${key} should be a non-negative integer but is ${describe(v)}.`);
      return v;
    };
    const content = str(o, 'content', where);
    if (content === '') throw new TokenizerError('invalid-file', `tokenizer.json: ${where}.content should be a character but is "".`);
    return [{ type: 'strip', content, start: count('start'), stop: count('stop') }];
  }
  if (o.type === 'Metaspace') {
    if (readScheme(o, where) === 'never') throw unsupported(`${where}: a Metaspace decoder with prepend_scheme "never" is not supported (tokenizer libraries disagree on it).`);
    return [{ type: 'metaspace', replacement: str(o, 'replacement', where, '▁') }];
  }
  throw unsupported(`${where} of type ${describe(o.type)} is not supported with model.byte_fallback / SentencePiece-style BPE; supported: ${DECODERS}.`);
}

/** Reads a SentencePiece-style tokenizer.json (already known to be one: see {@link isPieceStyle}). */
export function pieceDataFromHuggingFace(root: Record<string, unknown>, model: Record<string, unknown>): TokenizerData {
  const normalizer = readNormalizer(root.normalizer, 'normalizer');
  const metaspace = readMetaspace(root.pre_tokenizer);
  if (root.decoder === null || root.decoder === undefined) throw unsupported(`decoder is null; a SentencePiece-style file needs one (${DECODERS}).`);
  const decoder = readDecoder(root.decoder, 'decoder');
  const idOf = readVocab(model);
  const added = readAdded(root).sort((x, y) => x.id - y.id);
  let unkId = -1;
  if (model.unk_token !== null && model.unk_token !== undefined) {
    const id = typeof model.unk_token === 'string' ? idOf.get(model.unk_token) : undefined;
    if (id === undefined) throw new TokenizerError('invalid-file', `tokenizer.json: model.unk_token ${describe(model.unk_token)} is not in model.vocab.`);
    unkId = id;
  }
  const vocab: (string | undefined)[] = [];
  for (const [piece, id] of idOf) vocab[id] = piece;
  const pieces: PieceData = { vocab, unkId, fuseUnk: model.fuse_unk === true, byteFallback: model.byte_fallback === true, normalizer, metaspace, decoder };
  const tokens: Uint8Array[] = [];
  vocab.forEach((piece, id) => {
    if (piece === undefined) return;
    const t = pieceText(piece, pieces);
    tokens[id] = typeof t === 'number' ? Uint8Array.of(t) : encodeWtf8(t);
  });
  for (const t of added) tokens[t.id] = encodeWtf8(t.content);
  for (let id = 0; id < tokens.length; id++) if (tokens[id] === undefined) tokens[id] = new Uint8Array(0); // unused id
  const merges = readMerges(model, idOf);
  return { tokens, merges, pattern: '', normalizers: [], added, ignoreMerges: model.ignore_merges === true, pieces };
}

function normalizerJson(steps: readonly PieceNormalizeStep[]): Record<string, unknown> | null {
  const one = (s: PieceNormalizeStep): Record<string, unknown> =>
    s.type === 'prepend' ? { type: 'Prepend', prepend: s.text } : s.type === 'replace' ? { type: 'Replace', pattern: { String: s.from }, content: s.to } : { type: s.form };
  if (steps.length === 0) return null;
  return steps.length === 1 ? one(steps[0]!) : { type: 'Sequence', normalizers: steps.map(one) };
}

function decoderJson(step: PieceDecodeStep): Record<string, unknown> {
  if (step.type === 'replace') return { type: 'Replace', pattern: { String: step.from }, content: step.to };
  if (step.type === 'byte-fallback') return { type: 'ByteFallback' };
  if (step.type === 'fuse') return { type: 'Fuse' };
  if (step.type === 'strip') return { type: 'Strip', content: step.content, start: step.start, stop: step.stop };
  return { type: 'Metaspace', replacement: step.replacement, prepend_scheme: 'always', split: false };
}

/** Writes SentencePiece-style data back as a tokenizer.json (without a post-processor). */
export function pieceDataToHuggingFace(data: TokenizerData & { pieces: PieceData }): HuggingFaceTokenizerJSON {
  const p = data.pieces;
  const vocab: Record<string, number> = {};
  p.vocab.forEach((piece, id) => {
    if (piece !== undefined && !Object.hasOwn(vocab, piece)) vocab[piece] = id;
  });
  const pairs: [string, string][] = [];
  for (let k = 0; k < data.merges.length; k += 3) pairs.push([p.vocab[data.merges[k]!]!, p.vocab[data.merges[k + 1]!]!]);
  const spaced = pairs.some(([a, b]) => a.includes(' ') || b.includes(' '));
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: data.added.map((t) => ({ id: t.id, content: t.content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: t.special })),
    normalizer: normalizerJson(p.normalizer),
    pre_tokenizer: p.metaspace ? { type: 'Metaspace', replacement: p.metaspace.replacement, prepend_scheme: p.metaspace.prependScheme, split: false } : null,
    post_processor: null,
    decoder: p.decoder.length === 1 ? decoderJson(p.decoder[0]!) : { type: 'Sequence', decoders: p.decoder.map(decoderJson) },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: p.unkId >= 0 ? (p.vocab[p.unkId] ?? null) : null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: p.fuseUnk,
      byte_fallback: p.byteFallback,
      ignore_merges: data.ignoreMerges,
      vocab,
      // "a b" strings unless a piece holds a space (then [a, b] pairs, which newer readers take)
      merges: spaced ? pairs : pairs.map(([a, b]) => `${a} ${b}`),
    },
  };
}
