import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { CsvError } from 'csv-parse';
import { DataError } from '../errors.js';
import { invalidUtf8, ioError } from './read-lines.js';
import { limitsOf, toRecordStream } from './record-stream.js';
import type { LoadOptions, RecordStream, SourceItem } from './record-stream.js';

/** Options for {@link readCsv}. */
export interface CsvOptions extends LoadOptions {
  /** Field delimiter (default `,`; use `'\t'` for TSV). */
  readonly delimiter?: string;
  /**
   * Column names. Default: the first record of the file is the header. Give names when the file has
   * no header row.
   */
  readonly header?: readonly string[];
}

/**
 * Stream a CSV file (RFC 4180: quoted fields, embedded commas, quotes and newlines) with the
 * maintained `csv-parse` parser, as objects keyed by the header. Fields are decoded as UTF-8 with a
 * fatal decoder; a record with the wrong number of fields, a broken quote, invalid UTF-8 or a
 * record over `maxLineBytes` is rejected with a {@link DataError} naming file, line and field.
 * `line` is the line where the record starts. Blank lines are ignored. Duplicate or empty header
 * names are rejected. A record over `maxLineBytes` stops the read even with `onError: 'skip'` (the
 * parser cannot resume after it); a too-large *field* under that limit is skippable.
 *
 * @example
 * ```ts
 * for await (const { value, line } of readCsv('feedback.csv')) console.log(line, value.resume_text);
 * ```
 */
export function readCsv(file: string, options: CsvOptions = {}): RecordStream<Record<string, string>> {
  const { maxLineBytes } = limitsOf(options);
  return toRecordStream(() => csvItems(file, { ...options, maxLineBytes }), options);
}

/** The records and rejections of a CSV file, before `onError` applies. @internal */
export async function* csvItems(
  file: string,
  options: CsvOptions & { maxLineBytes: number },
): AsyncGenerator<SourceItem<Record<string, string>>> {
  const maxLineBytes = options.maxLineBytes;
  {
    // csv-parse runs ahead of this generator, so its syntax errors are queued and released in line order
    const pending: DataError[] = [];
    // csv-parse cannot resume after a record over max_record_size: that error ends the read in both modes
    let fatal: DataError | undefined;
    let lastLine = 0;
    // csv-parse counts \r and \n inside quoted fields as separate lines, so a quoted \r\n counts twice;
    // drift is how many such extra lines it has counted so far
    let drift = 0;
    const parser = parse({
      encoding: null,
      info: true,
      bom: true,
      delimiter: options.delimiter ?? ',',
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: maxLineBytes,
      // always skip inside the parser; onError ('throw' or 'skip') is applied to the queued errors in order
      skip_records_with_error: true,
      on_skip: (err: CsvError | undefined) => {
        if (err === undefined) return undefined;
        const e = csvError(file, typeof err.lines === 'number' ? err.lines - drift : lastLine + 1, err);
        if (err.code === 'CSV_MAX_RECORD_SIZE') fatal ??= e;
        else pending.push(e);
        return undefined;
      },
    });
    const input = createReadStream(file);
    input.on('error', (e) => parser.destroy(e));
    input.pipe(parser);

    let header: string[] | undefined = options.header ? [...options.header] : undefined;
    try {
      for await (const item of parser as AsyncIterable<{ record: Buffer[]; info: { lines: number } }>) {
        // the record ends on info.lines (less the drift); it starts as many lines earlier as its fields
        // hold line breaks (\r\n, \n or a lone \r)
        let breaks = 0;
        for (const raw of item.record) {
          for (let i = 0; i < raw.length; i++) {
            if (raw[i] === 0x0d) {
              breaks++;
              if (raw[i + 1] === 0x0a) {
                drift++;
                i++;
              }
            } else if (raw[i] === 0x0a) breaks++;
          }
        }
        const end = item.info.lines - drift;
        const start = end - breaks;
        lastLine = end;
        while (pending.length > 0 && (pending[0] as DataError).line < start) yield { error: pending.shift() as DataError };
        if (fatal !== undefined && fatal.line < start) throw fatal;
        // decode every field fatally
        const fields: string[] = [];
        let bad: DataError | undefined;
        for (let i = 0; i < item.record.length; i++) {
          const raw = item.record[i] as Buffer;
          try {
            fields.push(decoder.decode(raw));
          } catch (cause) {
            bad = invalidUtf8(file, start, header?.[i] ?? `column ${i + 1}`, raw, cause);
            break;
          }
        }
        if (header === undefined) {
          if (bad) throw bad; // an unreadable header cannot be skipped
          header = fields.map((f) => f.trim());
          const dup = header.find((h, i) => h === '' || header?.indexOf(h) !== i);
          if (dup !== undefined) {
            throw new DataError({
              file,
              line: start,
              reason: 'malformed',
              problem: dup === '' ? 'the header has an empty column name' : `the header names column "${dup}" twice`,
              fix: 'Give every column a unique name in the first row, or pass names with the header option',
            });
          }
          continue;
        }
        if (bad) {
          yield { error: bad };
          continue;
        }
        if (fields.length !== header.length) {
          yield {
            error: new DataError({
              file,
              line: start,
              reason: 'malformed',
              problem: `record has ${fields.length} fields but the header has ${header.length} (${header.join(', ')})`,
              fix: 'Quote fields that contain the delimiter, a quote or a newline ("a, b" and "say ""hi"""), or fix the row',
            }),
          };
          continue;
        }
        const value: Record<string, string> = {};
        header.forEach((name, i) => {
          value[name] = fields[i] as string;
        });
        yield { value, file, line: start };
      }
      while (pending.length > 0) yield { error: pending.shift() as DataError };
      if (fatal !== undefined) throw fatal;
    } catch (cause) {
      if (cause instanceof DataError) throw cause;
      if (isCsvError(cause)) throw csvError(file, typeof cause.lines === 'number' ? cause.lines - drift : lastLine + 1, cause);
      throw ioError(file, lastLine + 1, cause);
    } finally {
      input.destroy();
    }
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function isCsvError(e: unknown): e is CsvError {
  const code = e instanceof Error ? (e as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && (code.startsWith('CSV_') || code.startsWith('INVALID_'));
}

function csvError(file: string, line: number, err: CsvError): DataError {
  const tooLarge = err.code === 'CSV_MAX_RECORD_SIZE';
  return new DataError(
    {
      file,
      line,
      reason: tooLarge ? 'too-large' : 'malformed',
      problem: `CSV record cannot be parsed (${err.code}: ${err.message})`,
      fix: tooLarge
        ? 'Shorten the record, or raise the maxLineBytes option if such records are expected (the CSV parser cannot read on past such a record, so this error stops the load even with onError: skip)'
        : 'Quote fields that contain the delimiter, a quote or a newline, double quotes inside quoted fields (""), and close every quote',
    },
    { cause: err },
  );
}
