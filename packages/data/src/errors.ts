/**
 * Errors and skip reports shared by every loader.
 *
 * A loader either throws a {@link DataError} at the first bad record (`onError: 'throw'`, the default)
 * or, with `onError: 'skip'`, leaves the record out and writes a {@link SkippedRecord} into its
 * {@link LoadReport}. Nothing is dropped silently.
 */

import { GirlError } from '@girl/core';

/** Why a record was rejected. Stable strings: safe to switch on. */
export type DataErrorReason =
  | 'malformed'
  | 'missing-field'
  | 'empty-text'
  | 'invalid-utf8'
  | 'too-large'
  | 'invalid-value'
  | 'io';

/** Where and why a record was rejected. */
export interface DataErrorDetails {
  /** The file being read (as given to the loader). */
  readonly file: string;
  /** 1-based line number of the record (for CSV: the line where the record starts). */
  readonly line: number;
  /** The field that is wrong, or `undefined` when the whole line is (e.g. malformed JSON). */
  readonly field?: string | undefined;
  /** Machine-readable reason. */
  readonly reason: DataErrorReason;
  /** What was wrong, in words. */
  readonly problem: string;
  /** How to fix it, in words. */
  readonly fix: string;
}

/**
 * The error every loader throws for bad input (a @girl/core `GirlError` whose `code` is the `reason`). It names the file, the line and the field, says what
 * was wrong and how to fix it.
 *
 * @example
 * ```ts
 * try {
 *   await loadPairs('feedback.jsonl');
 * } catch (err) {
 *   if (err instanceof DataError) console.error(err.file, err.line, err.field, err.reason);
 * }
 * ```
 */
export class DataError extends GirlError<DataErrorReason> {
  override readonly name = 'DataError';
  readonly file: string;
  readonly line: number;
  readonly field: string | undefined;
  readonly reason: DataErrorReason;
  readonly problem: string;
  readonly fix: string;

  constructor(details: DataErrorDetails, options?: { cause?: unknown }) {
    const where = `${details.file}:${details.line}${details.field === undefined ? '' : ` (field "${details.field}")`}`;
    super(details.reason, `${where}: ${details.problem}. ${details.fix}`, options);
    this.file = details.file;
    this.line = details.line;
    this.field = details.field;
    this.reason = details.reason;
    this.problem = details.problem;
    this.fix = details.fix;
  }

  /** The plain-object form stored in a {@link LoadReport} when the record is skipped. */
  toSkipped(): SkippedRecord {
    return { file: this.file, line: this.line, field: this.field, reason: this.reason, message: this.message };
  }
}

/** One record a loader left out in `onError: 'skip'` mode. */
export interface SkippedRecord {
  readonly file: string;
  readonly line: number;
  readonly field: string | undefined;
  readonly reason: DataErrorReason;
  /** The full message the error would have thrown with. */
  readonly message: string;
}

/**
 * Counts of what a loader read, kept and skipped. `read === kept + skipped.length` once the stream ends.
 *
 * @example
 * ```ts
 * const report = createLoadReport();
 * const pairs = await loadPairs('feedback.csv', { onError: 'skip', report });
 * console.log(`${report.kept}/${report.read} kept`, report.skipped);
 * ```
 */
export interface LoadReport {
  /** Records seen (data lines or CSV records; blank lines are not records). */
  read: number;
  /** Records yielded to the caller. */
  kept: number;
  /** Records left out, with file, line, field and reason. */
  skipped: SkippedRecord[];
}

/** A fresh, empty {@link LoadReport}. @example `const report = createLoadReport();` */
export function createLoadReport(): LoadReport {
  return { read: 0, kept: 0, skipped: [] };
}

/** What a loader does with a bad record: throw a {@link DataError} (default) or skip it and report it. */
export type OnError = 'throw' | 'skip';
