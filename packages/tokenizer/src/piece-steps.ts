/**
 * The text steps of a SentencePiece-style tokenizer, as tokenizer.json describes them: normalizer
 * (`Prepend`, `Replace`, Unicode forms), the `Metaspace` pre-tokenizer, and the decoder (`Replace`,
 * `ByteFallback`, `Fuse`, `Strip`, `Metaspace`) over the list of token strings.
 *
 * @example
 * ```ts
 * const steps: PieceNormalizeStep[] = [{ type: 'prepend', text: '▁' }, { type: 'replace', from: ' ', to: '▁' }];
 * normalizePieceText('Hello world', steps); // '▁Hello▁world'
 * decodePieces(['▁Hello', '▁world'], [{ type: 'replace', from: '▁', to: ' ' }, { type: 'fuse' }, { type: 'strip', content: ' ', start: 1, stop: 0 }]); // 'Hello world'
 * ```
 * @module
 */

import type { PieceData, PieceDecodeStep, PieceNormalizeStep } from './piece-data.js';
import { bytePieceValue } from './piece-data.js';

/** Applies the normalizer's steps to one non-empty text segment. */
export function normalizePieceText(text: string, steps: readonly PieceNormalizeStep[]): string {
  for (const step of steps) {
    if (step.type === 'prepend') text = step.text + text;
    else if (step.type === 'replace') text = text.replaceAll(step.from, step.to);
    else text = text.normalize(step.form);
  }
  return text;
}

/**
 * The `Metaspace` pre-tokenizer on one segment: spaces become the replacement, which is also put in front
 * unless the segment starts with it already (`'first'`: only for the segment at the start of the text).
 */
export function applyMetaspace(text: string, metaspace: NonNullable<PieceData['metaspace']>, atStart: boolean): string {
  const r = metaspace.replacement;
  text = text.replaceAll(' ', r);
  const scheme = metaspace.prependScheme;
  if (!text.startsWith(r) && (scheme === 'always' || (scheme === 'first' && atStart))) text = r + text;
  return text;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Turns runs of `<0xNN>` pieces into text: the run's bytes as UTF-8, or one U+FFFD per byte when they are
 * not valid UTF-8 (as the Rust `tokenizers` library does).
 */
function byteFallback(tokens: readonly string[]): string[] {
  const out: string[] = [];
  const run: number[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    try {
      out.push(strictUtf8.decode(Uint8Array.from(run)));
    } catch {
      out.push('\uFFFD'.repeat(run.length));
    }
    run.length = 0;
  };
  for (const t of tokens) {
    const b = bytePieceValue(t);
    if (b >= 0) run.push(b);
    else {
      flush();
      out.push(t);
    }
  }
  flush();
  return out;
}

/** Cuts up to `start` leading and `stop` trailing copies of `content` from a token. */
function strip(token: string, content: string, start: number, stop: number): string {
  let from = 0;
  while (from < start && token.startsWith(content, from * content.length)) from++;
  let to = token.length;
  let cut = 0;
  while (cut < stop && to - content.length >= from * content.length && token.endsWith(content, to)) {
    to -= content.length;
    cut++;
  }
  return token.slice(from * content.length, to);
}

/** Runs the decoder's steps over the token strings and joins what is left. */
export function decodePieces(tokens: readonly string[], steps: readonly PieceDecodeStep[]): string {
  let list: string[] = [...tokens];
  for (const step of steps) {
    if (step.type === 'replace') list = list.map((t) => t.replaceAll(step.from, step.to));
    else if (step.type === 'byte-fallback') list = byteFallback(list);
    else if (step.type === 'fuse') list = [list.join('')];
    else if (step.type === 'strip') list = list.map((t) => strip(t, step.content, step.start, step.stop));
    else {
      list = list.map((t, i) => {
        const s = t.replaceAll(step.replacement, ' ');
        return i === 0 && s.startsWith(' ') ? s.slice(1) : s; // the space the pre-tokenizer put in front
      });
    }
  }
  return list.join('');
}

/**
 * The text one piece stands for on its own: a `<0xNN>` piece is its byte (returned as a number), any
 * other piece goes through the decoder's per-token replacements (`▁` → space). Used for `decodeBytes`.
 */
export function pieceText(piece: string, pieces: Pick<PieceData, 'decoder' | 'byteFallback'>): string | number {
  if (pieces.decoder.some((s) => s.type === 'byte-fallback')) {
    const b = bytePieceValue(piece);
    if (b >= 0) return b;
  }
  let text = piece;
  for (const step of pieces.decoder) {
    if (step.type === 'replace') text = text.replaceAll(step.from, step.to);
    else if (step.type === 'metaspace') text = text.replaceAll(step.replacement, ' ');
  }
  return text;
}
