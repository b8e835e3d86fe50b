import { createLoadReport } from '../errors.js';
import type { DataError, LoadReport, OnError } from '../errors.js';
import type { Located } from '../types.js';

/** Options every loader accepts. */
export interface LoadOptions {
  /** `'throw'` (default): the first bad record throws a {@link DataError}. `'skip'`: it is left out and recorded in the report. */
  readonly onError?: OnError;
  /** A report to fill (see {@link createLoadReport}); the stream's own `report` is this object when given. */
  readonly report?: LoadReport;
  /** Largest text field in bytes (UTF-8) before the record is rejected as `too-large`. Default 1 MiB. */
  readonly maxFieldBytes?: number;
  /** Longest physical line (JSONL) or record (CSV) in bytes that is read at all. Default 64 MiB, or 8 × maxFieldBytes if larger. */
  readonly maxLineBytes?: number;
}

/** Default for {@link LoadOptions.maxFieldBytes}: 1 MiB, far above any real CV or JD. */
export const DEFAULT_MAX_FIELD_BYTES = 1024 * 1024;

/**
 * What every streaming loader returns: an async iterable of located records plus a live
 * {@link LoadReport}. Iterate it once.
 *
 * @example
 * ```ts
 * const stream = readPairs('feedback.jsonl', { onError: 'skip' });
 * for await (const { value, line } of stream) train(value);
 * console.log(stream.report); // { read, kept, skipped: [...] }
 * ```
 */
export interface RecordStream<T> extends AsyncIterable<Located<T>> {
  readonly report: LoadReport;
}

/**
 * An array of loaded records that also carries the {@link LoadReport} of the load.
 * `JSON.stringify` and spreading see only the records.
 */
export type Loaded<T> = T[] & { readonly report: LoadReport };

/** Something a source yields: a record, or a rejection that the stream throws or skips. */
export type SourceItem<T> = Located<T> | { readonly error: DataError };

/**
 * Wrap a source of records and rejections into a {@link RecordStream} that applies `onError`.
 * @internal used by the loaders; exported for custom loaders.
 *
 * @example
 * ```ts
 * const stream = toRecordStream(mySource(), { onError: 'skip' });
 * ```
 */
export function toRecordStream<T>(source: () => AsyncIterable<SourceItem<T>>, options: LoadOptions = {}): RecordStream<T> {
  const report = options.report ?? createLoadReport();
  const onError = options.onError ?? 'throw';
  if (onError !== 'throw' && onError !== 'skip') {
    throw new TypeError(`onError must be 'throw' or 'skip', got ${JSON.stringify(onError)}`);
  }
  let started = false;
  return {
    report,
    async *[Symbol.asyncIterator]() {
      if (started) throw new Error('a RecordStream can be iterated only once (its report counts one pass); call the read function again');
      started = true;
      for await (const item of source()) {
        report.read += 1;
        if ('error' in item) {
          if (onError === 'throw') throw item.error;
          report.skipped.push(item.error.toSkipped());
          continue;
        }
        report.kept += 1;
        yield item;
      }
    },
  };
}

/**
 * Read a whole stream into an array that carries the stream's report.
 *
 * @example
 * ```ts
 * const pairs = await readAll(readPairs('feedback.csv', { onError: 'skip' }));
 * pairs.length; pairs.report.skipped;
 * ```
 */
export async function readAll<T>(stream: RecordStream<T>): Promise<Loaded<T>> {
  const items: T[] = [];
  for await (const { value } of stream) items.push(value);
  return Object.defineProperty(items, 'report', { value: stream.report, enumerable: false }) as Loaded<T>;
}

/** Resolve the byte limits of {@link LoadOptions}, validating them. @internal */
export function limitsOf(options: LoadOptions): { maxFieldBytes: number; maxLineBytes: number } {
  const maxFieldBytes = options.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES;
  if (!(maxFieldBytes > 0)) throw new RangeError(`maxFieldBytes must be > 0, got ${maxFieldBytes}`);
  const maxLineBytes = options.maxLineBytes ?? Math.max(64 * 1024 * 1024, 8 * maxFieldBytes);
  if (!(maxLineBytes > 0)) throw new RangeError(`maxLineBytes must be > 0, got ${maxLineBytes}`);
  return { maxFieldBytes, maxLineBytes };
}
