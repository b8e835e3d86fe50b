import { createReadStream } from 'node:fs';
import { DataError } from '../errors.js';

/** One physical line of a text file, or the reason it could not be decoded. */
export type LineResult =
  | { readonly ok: true; readonly line: number; readonly text: string }
  | { readonly ok: false; readonly line: number; readonly error: DataError; readonly bytes?: Uint8Array };

/** Options for {@link readLines}. */
export interface ReadLinesOptions {
  /**
   * Longest line in bytes that is decoded (default 64 MiB). A longer line is not held in memory: it
   * is reported as `too-large` and reading goes on at the next line.
   */
  readonly maxLineBytes?: number;
  /** Read chunk size in bytes (default 64 KiB). */
  readonly chunkBytes?: number;
}

/** Default for {@link ReadLinesOptions.maxLineBytes}: 64 MiB. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

/**
 * Stream a UTF-8 text file line by line without reading it whole. Lines are split on `\n` in the raw
 * bytes (a trailing `\r` is dropped) and each line is decoded with a fatal UTF-8 decoder, so invalid
 * bytes give an `invalid-utf8` result for that line instead of silent U+FFFD replacement. A UTF-8 BOM
 * at the start of the file is dropped. The last line needs no trailing newline.
 *
 * @example
 * ```ts
 * for await (const l of readLines('data.jsonl')) {
 *   if (l.ok) console.log(l.line, l.text);
 *   else console.error(l.error.message);
 * }
 * ```
 */
export async function* readLines(file: string, options: ReadLinesOptions = {}): AsyncGenerator<LineResult> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let parts: Buffer[] = [];
  let partBytes = 0;
  let oversize = false;
  let lineNo = 0;

  const finish = (): LineResult => {
    lineNo += 1;
    if (oversize) {
      const bytes = partBytes;
      parts = [];
      partBytes = 0;
      oversize = false;
      return {
        ok: false,
        line: lineNo,
        error: new DataError({
          file,
          line: lineNo,
          reason: 'too-large',
          problem: `line is longer than ${maxLineBytes} bytes (at least ${bytes} bytes)`,
          fix: 'Shorten the record, or raise the maxLineBytes option if such lines are expected',
        }),
      };
    }
    let buf = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, partBytes);
    parts = [];
    partBytes = 0;
    if (buf.length > 0 && buf[buf.length - 1] === 0x0d) buf = buf.subarray(0, buf.length - 1);
    if (lineNo === 1 && buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    try {
      return { ok: true, line: lineNo, text: decoder.decode(buf) };
    } catch (cause) {
      return { ok: false, line: lineNo, error: invalidUtf8(file, lineNo, undefined, buf, cause), bytes: buf };
    }
  };

  const push = (piece: Buffer): void => {
    if (oversize) {
      partBytes += piece.length;
      return;
    }
    partBytes += piece.length;
    if (partBytes > maxLineBytes) {
      oversize = true;
      parts = [];
      return;
    }
    parts.push(piece);
  };

  let stream;
  try {
    stream = createReadStream(file, { highWaterMark: options.chunkBytes ?? 64 * 1024 });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(0x0a, start);
        if (nl === -1) break;
        push(chunk.subarray(start, nl));
        yield finish();
        start = nl + 1;
      }
      if (start < chunk.length) push(chunk.subarray(start));
    }
  } catch (cause) {
    if (cause instanceof DataError) throw cause;
    throw ioError(file, lineNo + 1, cause);
  }
  if (partBytes > 0 || oversize) yield finish();
}

/** The DataError for bytes that are not valid UTF-8, pointing at the first bad byte. */
export function invalidUtf8(
  file: string,
  line: number,
  field: string | undefined,
  bytes: Uint8Array,
  cause?: unknown,
  unit: 'line' | 'field' = field === undefined ? 'line' : 'field',
): DataError {
  const at = firstInvalidUtf8Byte(bytes);
  return new DataError(
    {
      file,
      line,
      field,
      reason: 'invalid-utf8',
      problem: `text is not valid UTF-8${at >= 0 ? ` (bad byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at byte ${at} of the ${unit})` : ''}`,
      fix: 'Re-encode the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8 in > out`)',
    },
    { cause },
  );
}

/** The DataError for a file that cannot be opened or read. */
export function ioError(file: string, line: number, cause: unknown): DataError {
  const msg = cause instanceof Error ? cause.message : String(cause);
  return new DataError(
    { file, line, reason: 'io', problem: `cannot read the file (${msg})`, fix: 'Check that the path exists and is a readable file' },
    { cause },
  );
}

/**
 * Index of the first byte of the first invalid UTF-8 sequence (overlong forms, surrogates and
 * truncated sequences count as invalid, as in a fatal TextDecoder), or -1 when the bytes are valid.
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) n = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      n = 3;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      n = 4;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    if (i + n > bytes.length) return i;
    for (let k = 1; k < n; k++) {
      const c = bytes[i + k] as number;
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (c < min || c > max) return i;
    }
    i += n;
  }
  return -1;
}
