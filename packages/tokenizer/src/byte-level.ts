/**
 * GPT-2's byte-level alphabet: each of the 256 bytes is shown as one printable character so that a
 * token's bytes can be written as a JSON string (`' '` is `'Ġ'`, `'\n'` is `'Ċ'`). Hugging Face's
 * `ByteLevel` pre-tokenizer and decoder use this mapping in tokenizer.json files.
 *
 * @example
 * ```ts
 * bytesToByteLevel(new Uint8Array([32, 104, 105])); // 'Ġhi'
 * byteLevelToBytes('Ġhi');                          // Uint8Array [32, 104, 105]
 * ```
 * @module
 */

import { TokenizerError } from './errors.js';

function buildTables(): { byteToChar: string[]; charToByte: Map<number, number> } {
  const printable: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.push(b);
  for (let b = 0xae; b <= 0xff; b++) printable.push(b);
  const keep = new Set(printable);
  const byteToChar: string[] = new Array<string>(256);
  const charToByte = new Map<number, number>();
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    const cp = keep.has(b) ? b : 256 + extra++;
    byteToChar[b] = String.fromCharCode(cp);
    charToByte.set(cp, b);
  }
  return { byteToChar, charToByte };
}

const { byteToChar: BYTE_TO_CHAR, charToByte: CHAR_TO_BYTE } = buildTables();

/** The byte-level character that stands for byte `b` (0–255). */
export function byteLevelChar(b: number): string {
  return BYTE_TO_CHAR[b]!;
}

/** Writes `bytes` in the byte-level alphabet. */
export function bytesToByteLevel(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += BYTE_TO_CHAR[bytes[i]!]!;
  return s;
}

/** Reads a byte-level string back to bytes, or returns `undefined` if a character is outside the alphabet. */
export function tryByteLevelToBytes(token: string): Uint8Array | undefined {
  const out = new Uint8Array(token.length);
  for (let i = 0; i < token.length; i++) {
    const b = CHAR_TO_BYTE.get(token.charCodeAt(i));
    if (b === undefined) return undefined;
    out[i] = b;
  }
  return out;
}

/** Reads a byte-level string back to bytes; throws `invalid-file` naming `where` if it is not byte-level. */
export function byteLevelToBytes(token: string, where = 'token'): Uint8Array {
  const out = tryByteLevelToBytes(token);
  if (!out) {
    throw new TokenizerError('invalid-file', `${where}: ${JSON.stringify(token)} is not written in the byte-level alphabet (GPT-2 bytes_to_unicode); only byte-level BPE vocabularies are supported.`);
  }
  return out;
}
