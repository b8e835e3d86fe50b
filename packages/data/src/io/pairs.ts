import { basename, extname } from 'node:path';
import { DataError } from '../errors.js';
import type { LabelledPair, Located, SftPair } from '../types.js';
import { csvItems } from './csv.js';
import type { CsvOptions } from './csv.js';
import { labelField, optionalString, textField } from './fields.js';
import { jsonlItems } from './jsonl.js';
import { limitsOf, readAll, toRecordStream } from './record-stream.js';
import type { Loaded, RecordStream, SourceItem } from './record-stream.js';

/**
 * Which column of your file holds which field. Unlisted fields use their own name (`cv`, `jd`,
 * `label`); the optional ones (`source`, `group`, `cvId`, `jdId`) are read when the column exists.
 *
 * @example
 * ```ts
 * const columns: PairColumns = { cv: 'resume_text', jd: 'job_text', label: 'y', group: 'job_id' };
 * ```
 */
export interface PairColumns {
  readonly cv?: string;
  readonly jd?: string;
  readonly label?: string;
  readonly source?: string;
  readonly group?: string;
  readonly cvId?: string;
  readonly jdId?: string;
}

/** Options of every loader that reads JSONL or CSV records. */
export interface RecordFileOptions extends CsvOptions {
  /** File format; default from the extension (`.jsonl`/`.ndjson` → jsonl, `.csv` → csv, `.tsv` → csv with tab). */
  readonly format?: 'jsonl' | 'csv';
}

/** Options for {@link readPairs} and {@link readSftPairs}. */
export interface PairLoadOptions extends RecordFileOptions {
  /** Column mapping (see {@link PairColumns}). */
  readonly columns?: PairColumns;
  /** Value of `source` when the file has no source column. Default: the file's base name. */
  readonly source?: string;
  /** Normalise texts with {@link normalizeText} (default true). */
  readonly normalize?: boolean;
}

/** The format of a file from `options.format` or its extension; throws when neither tells. @internal */
export function formatOf(file: string, options: RecordFileOptions): 'jsonl' | 'csv' {
  const ext = extname(file).toLowerCase();
  const format = options.format ?? (ext === '.csv' || ext === '.tsv' ? 'csv' : ext === '.jsonl' || ext === '.ndjson' ? 'jsonl' : undefined);
  if (format !== 'jsonl' && format !== 'csv') {
    const hint = ext === '.json' ? ' (a .json file is often one big array, which cannot be streamed: write one object per line, or pass { format: \'jsonl\' } if it already is JSON Lines)' : '';
    throw new TypeError(`cannot tell the format of "${file}" from its extension${hint}; pass { format: 'jsonl' } or { format: 'csv' }`);
  }
  return format;
}

/** The records and rejections of a JSONL or CSV file. @internal */
export function recordItems(file: string, options: RecordFileOptions): AsyncGenerator<SourceItem<unknown>> {
  const ext = extname(file).toLowerCase();
  const format = formatOf(file, options);
  const { maxLineBytes } = limitsOf(options);
  if (format === 'csv') return csvItems(file, { ...options, maxLineBytes, delimiter: options.delimiter ?? (ext === '.tsv' ? '\t' : ',') });
  return jsonlItems(file, maxLineBytes);
}

/**
 * Map a stream of raw records through `convert`, carrying the inner stream's rejections so that
 * `onError` and the report apply once, to the whole pipeline.
 * @internal
 */
export function mapRecords<T>(
  file: string,
  options: RecordFileOptions,
  convert: (record: Readonly<Record<string, unknown>>, where: Located<unknown>) => T | DataError,
): RecordStream<T> {
  formatOf(file, options); // fail now, not at the first read
  return toRecordStream(async function* (): AsyncGenerator<SourceItem<T>> {
    for await (const rec of recordItems(file, options)) {
      if ('error' in rec) {
        yield rec;
        continue;
      }
      if (typeof rec.value !== 'object' || rec.value === null || Array.isArray(rec.value)) {
        yield {
          error: new DataError({
            file,
            line: rec.line,
            reason: 'malformed',
            problem: `record must be a JSON object, got ${Array.isArray(rec.value) ? 'an array' : typeof rec.value}`,
            fix: 'Write one object per line, e.g. {"cv": "...", "jd": "...", "label": 1}',
          }),
        };
        continue;
      }
      const out = convert(rec.value as Record<string, unknown>, rec);
      if (out instanceof DataError) yield { error: out };
      else yield { value: out, file, line: rec.line };
    }
  }, options);
}

/**
 * Stream labelled CV–JD pairs (recruiter feedback) from a JSONL or CSV file, with column mapping.
 * Each record needs a CV text, a JD text and a 0/1 label; bad records give a {@link DataError}
 * naming file, line and field, or are skipped and reported with `onError: 'skip'`.
 *
 * @example
 * ```ts
 * const stream = readPairs('feedback.csv', { columns: { cv: 'resume_text', jd: 'job_text', label: 'y' } });
 * for await (const { value: pair, line } of stream) console.log(line, pair.label);
 * ```
 */
export function readPairs(file: string, options: PairLoadOptions = {}): RecordStream<LabelledPair> {
  return readCvJd(file, options, (r, where, cv, jd, c) => {
    const label = labelField(r, c.label, where);
    return label instanceof DataError ? label : { cv, jd, label };
  });
}

/**
 * Stream SFT pairs (CV → the JD to generate) from a JSONL or CSV file; like {@link readPairs} without
 * a label.
 *
 * @example
 * ```ts
 * const sft = await loadSftPairs('cv-jd.jsonl', { columns: { cv: 'resume', jd: 'job' } });
 * ```
 */
export function readSftPairs(file: string, options: PairLoadOptions = {}): RecordStream<SftPair> {
  return readCvJd(file, options, (_r, _where, cv, jd) => ({ cv, jd }));
}

/**
 * The shared part of {@link readPairs} and {@link readSftPairs}: reads and checks the CV and JD text
 * fields of each record, lets `build` add what the record type needs, then adds `source` and the optional
 * columns.
 */
function readCvJd<T extends { cv: string; jd: string }>(
  file: string,
  options: PairLoadOptions,
  build: (
    r: Readonly<Record<string, unknown>>,
    where: Located<unknown>,
    cv: string,
    jd: string,
    c: ResolvedColumns,
  ) => Omit<T, 'source'> | DataError,
): RecordStream<T> {
  const { maxFieldBytes } = limitsOf(options);
  const c = columnsOf(options.columns);
  const source = options.source ?? basename(file);
  const normalize = options.normalize ?? true;
  return mapRecords(file, options, (r, where) => {
    const cv = textField(r, c.cv, where, { maxFieldBytes, normalize });
    if (cv instanceof DataError) return cv;
    const jd = textField(r, c.jd, where, { maxFieldBytes, normalize });
    if (jd instanceof DataError) return jd;
    const base = build(r, where, cv, jd, c);
    if (base instanceof DataError) return base;
    return withOptional({ ...base, source: optionalString(r, c.source) ?? source } as unknown as T, r, c);
  });
}

/**
 * Load all labelled pairs of a file. The array carries the load's report (`pairs.report`).
 *
 * @example
 * ```ts
 * const pairs = await loadPairs('feedback.jsonl', { onError: 'skip' });
 * console.log(pairs.length, pairs.report.skipped.length);
 * ```
 */
export function loadPairs(file: string, options: PairLoadOptions = {}): Promise<Loaded<LabelledPair>> {
  return readAll(readPairs(file, options));
}

/**
 * Load all SFT pairs of a file. The array carries the load's report.
 *
 * @example
 * ```ts
 * const sft = await loadSftPairs('cv-jd.csv');
 * ```
 */
export function loadSftPairs(file: string, options: PairLoadOptions = {}): Promise<Loaded<SftPair>> {
  return readAll(readSftPairs(file, options));
}

type ResolvedColumns = Required<Pick<PairColumns, 'cv' | 'jd' | 'label' | 'source' | 'group' | 'cvId' | 'jdId'>>;

function columnsOf(columns: PairColumns | undefined): ResolvedColumns {
  return {
    cv: columns?.cv ?? 'cv',
    jd: columns?.jd ?? 'jd',
    label: columns?.label ?? 'label',
    source: columns?.source ?? 'source',
    group: columns?.group ?? 'group',
    cvId: columns?.cvId ?? 'cvId',
    jdId: columns?.jdId ?? 'jdId',
  };
}

function withOptional<T extends object>(base: T, r: Readonly<Record<string, unknown>>, c: ResolvedColumns): T {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  const group = optionalString(r, c.group);
  const cvId = optionalString(r, c.cvId);
  const jdId = optionalString(r, c.jdId);
  if (group !== undefined) out.group = group;
  if (cvId !== undefined) out.cvId = cvId;
  if (jdId !== undefined) out.jdId = jdId;
  return out as T;
}
