import { basename, extname } from 'node:path';
import { DataError } from '../errors.js';
import { textField } from '../io/fields.js';
import { jsonlItems } from '../io/jsonl.js';
import { limitsOf, readAll, toRecordStream } from '../io/record-stream.js';
import type { LoadOptions, Loaded, RecordStream, SourceItem } from '../io/record-stream.js';
import type { LabelledPair, SftPair } from '../types.js';

/**
 * One row of the RJDB format (Megagon Labs' resume–job description benchmark, CC BY-SA 4.0): a JD,
 * a CV that fits it, the same CV edited so that it no longer fits, and the facts they were made from.
 *
 * @example
 * ```ts
 * const [row] = await loadRjdb('../shared/data/rjdb/test.jsonl');
 * row?.id; row?.experiences[0]; row?.skills;
 * ```
 */
export interface RjdbRow {
  /** `<name>:<index>`, e.g. `rjdb-train:17`: the JD's id and the group key for leak-free splits. */
  readonly id: string;
  /** 0-based index of the row among the file's rows. */
  readonly index: number;
  /** File and 1-based line the row came from. */
  readonly file: string;
  readonly line: number;
  /** `Job-Description`: markdown JD. */
  readonly jobDescription: string;
  /** `Resume-matched`: a CV that fits the JD. */
  readonly resumeMatched: string;
  /** `Resume-unmatched`: the CV with skills or experience removed (a hard negative). */
  readonly resumeUnmatched: string;
  /** `Skills`: the skills the texts were written from. */
  readonly skills: readonly string[];
  /** `Experiences`: job titles, most recent first; the first is the occupation RJDB splits by. */
  readonly experiences: readonly string[];
  /** `Experiences-years`, as in the file (nested arrays), when present. */
  readonly experiencesYears?: unknown;
  /** `Filtered-information`: what was removed to make the unmatched CV, when present. */
  readonly filteredInformation?: unknown;
}

/** Options for {@link readRjdb} / {@link loadRjdb}. */
export interface RjdbOptions extends LoadOptions {
  /** Prefix of row ids; default `rjdb-<file base name>` (e.g. `rjdb-train`). */
  readonly name?: string;
  /** Normalise texts with {@link normalizeText} (default true). */
  readonly normalize?: boolean;
}

/**
 * Stream an RJDB JSONL file. Every row must have non-empty `Job-Description`, `Resume-matched`,
 * `Resume-unmatched` strings and `Skills` / `Experiences` string arrays; otherwise a
 * {@link DataError} names file, line and field (or the row is skipped and reported).
 *
 * @example
 * ```ts
 * for await (const { value: row } of readRjdb('../shared/data/rjdb/train.jsonl')) console.log(row.experiences[0]);
 * ```
 */
export function readRjdb(file: string, options: RjdbOptions = {}): RecordStream<RjdbRow> {
  const { maxFieldBytes, maxLineBytes } = limitsOf(options);
  const name = options.name ?? `rjdb-${basename(file, extname(file))}`;
  const normalize = options.normalize ?? true;
  return toRecordStream(async function* (): AsyncGenerator<SourceItem<RjdbRow>> {
    let index = 0;
    for await (const item of jsonlItems(file, maxLineBytes)) {
      if ('error' in item) {
        yield item;
        continue;
      }
      const where = { file, line: item.line };
      const v = item.value;
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        yield { error: new DataError({ ...where, reason: 'malformed', problem: 'row must be a JSON object', fix: 'Write one RJDB object per line' }) };
        continue;
      }
      const r = v as Record<string, unknown>;
      const texts: string[] = [];
      let bad: DataError | undefined;
      for (const f of ['Job-Description', 'Resume-matched', 'Resume-unmatched']) {
        const t = textField(r, f, where, { maxFieldBytes, normalize });
        if (t instanceof DataError) {
          bad = t;
          break;
        }
        texts.push(t);
      }
      const skills = bad ? undefined : stringArray(r, 'Skills', where);
      if (skills instanceof DataError) bad = skills;
      const experiences = bad ? undefined : stringArray(r, 'Experiences', where);
      if (experiences instanceof DataError) bad = experiences;
      if (bad) {
        yield { error: bad };
        continue;
      }
      const row: RjdbRow = {
        id: `${name}:${index}`,
        index,
        file,
        line: item.line,
        jobDescription: texts[0] as string,
        resumeMatched: texts[1] as string,
        resumeUnmatched: texts[2] as string,
        skills: skills as string[],
        experiences: experiences as string[],
        ...(r['Experiences-years'] !== undefined ? { experiencesYears: r['Experiences-years'] } : {}),
        ...(r['Filtered-information'] !== undefined ? { filteredInformation: r['Filtered-information'] } : {}),
      };
      index += 1;
      yield { value: row, file, line: item.line };
    }
  }, options);
}

/**
 * Load a whole RJDB file; the array carries the load's report (`rows.report`).
 *
 * @example
 * ```ts
 * const rows = await loadRjdb('../shared/data/rjdb/train.jsonl');
 * const pairs = rjdbToPairs(rows);      // 2 per row: matched (1) and unmatched (0)
 * const sft = rjdbToSftPairs(rows);     // 1 per row: matched CV → JD
 * ```
 */
export function loadRjdb(file: string, options: RjdbOptions = {}): Promise<Loaded<RjdbRow>> {
  return readAll(readRjdb(file, options));
}

/**
 * Recruiter-feedback pairs from RJDB rows: (matched CV, JD, 1) and (unmatched CV, JD, 0) for each
 * row, with `group` = the row id so both stay in one split.
 *
 * @example
 * ```ts
 * const pairs = rjdbToPairs(await loadRjdb(path)); // pairs[0].label === 1, pairs[1].label === 0
 * ```
 */
export function rjdbToPairs(rows: readonly RjdbRow[]): LabelledPair[] {
  const out: LabelledPair[] = [];
  for (const row of rows) {
    out.push({ cv: row.resumeMatched, jd: row.jobDescription, label: 1, source: 'rjdb', group: row.id, cvId: `${row.id}:matched`, jdId: row.id });
    out.push({ cv: row.resumeUnmatched, jd: row.jobDescription, label: 0, source: 'rjdb', group: row.id, cvId: `${row.id}:unmatched`, jdId: row.id });
  }
  return out;
}

/**
 * SFT pairs from RJDB rows: the matched CV → its JD.
 *
 * @example
 * ```ts
 * const sft = rjdbToSftPairs(rows); // [{ cv, jd, source: 'rjdb', group }]
 * ```
 */
export function rjdbToSftPairs(rows: readonly RjdbRow[]): SftPair[] {
  return rows.map((row) => ({ cv: row.resumeMatched, jd: row.jobDescription, source: 'rjdb', group: row.id, cvId: `${row.id}:matched`, jdId: row.id }));
}

function stringArray(r: Record<string, unknown>, field: string, where: { file: string; line: number }): string[] | DataError {
  const v = r[field];
  if (v === undefined || v === null) {
    return new DataError({ ...where, field, reason: 'missing-field', problem: 'field is missing', fix: `Give every RJDB row a "${field}" array of strings` });
  }
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
    return new DataError({ ...where, field, reason: 'invalid-value', problem: 'field must be an array of strings', fix: `Write "${field}" as ["…", "…"]` });
  }
  return v as string[];
}
