import { DataError } from '../errors.js';
import { invalidUtf8, readLines } from './read-lines.js';
import { limitsOf, toRecordStream } from './record-stream.js';
import type { LoadOptions, RecordStream, SourceItem } from './record-stream.js';

/**
 * Stream a JSON Lines file: one JSON value per line, blank lines ignored (not counted as records).
 * A line that is not valid JSON, not valid UTF-8 or longer than `maxLineBytes` is rejected with a
 * {@link DataError} naming file and line (thrown, or skipped and reported with `onError: 'skip'`).
 *
 * @example
 * ```ts
 * for await (const { value, line } of readJsonl('rows.jsonl')) console.log(line, value);
 * ```
 */
export function readJsonl(file: string, options: LoadOptions = {}): RecordStream<unknown> {
  const { maxLineBytes } = limitsOf(options);
  return toRecordStream(() => jsonlItems(file, maxLineBytes), options);
}

/** The records and rejections of a JSONL file, before `onError` applies. @internal */
export async function* jsonlItems(file: string, maxLineBytes: number): AsyncGenerator<SourceItem<unknown>> {
  {
    for await (const l of readLines(file, { maxLineBytes })) {
      if (!l.ok) {
        yield { error: l.bytes ? locateInvalidUtf8(file, l.line, l.bytes, l.error) : l.error };
        continue;
      }
      if (l.text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(l.text);
      } catch (cause) {
        const why = cause instanceof Error ? cause.message : String(cause);
        yield {
          error: new DataError(
            {
              file,
              line: l.line,
              reason: 'malformed',
              problem: `line is not valid JSON (${why})`,
              fix: 'Write exactly one JSON object per line (JSON Lines); escape newlines inside strings as \\n',
            },
            { cause },
          ),
        };
        continue;
      }
      yield { value, file, line: l.line };
    }
  }
}

/**
 * Name the field that holds invalid UTF-8: decode the line leniently (only to look), parse it, and
 * find the top-level string field with a replacement character. The record is still rejected.
 */
function locateInvalidUtf8(file: string, line: number, bytes: Uint8Array, original: DataError): DataError {
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8').decode(bytes));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return original;
    const fields = Object.entries(value as Record<string, unknown>).filter(([, v]) => typeof v === 'string' && v.includes('\uFFFD'));
    if (fields.length !== 1) return original;
    return invalidUtf8(file, line, (fields[0] as [string, unknown])[0], bytes, original, 'line');
  } catch {
    return original;
  }
}
