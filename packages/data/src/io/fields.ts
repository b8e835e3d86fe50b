import { DataError } from '../errors.js';
import { normalizeText } from '../text/normalize.js';

/** How a text field is checked. @internal */
export interface TextFieldOptions {
  readonly maxFieldBytes: number;
  readonly normalize: boolean;
}

/**
 * Read a required text field of a record: it must exist, be a string, be non-empty after trimming
 * and fit in `maxFieldBytes`. Returns the text (normalised unless `normalize` is false) or a DataError.
 * @internal
 */
export function textField(
  record: Readonly<Record<string, unknown>>,
  column: string,
  where: { file: string; line: number },
  options: TextFieldOptions,
): string | DataError {
  const value = record[column];
  const base = { file: where.file, line: where.line, field: column };
  if (value === undefined || value === null) {
    const known = Object.keys(record).slice(0, 12).join(', ');
    return new DataError({
      ...base,
      reason: 'missing-field',
      problem: `field is missing (the record has: ${known || 'no fields'})`,
      fix: `Add the field, or map your column name with the columns option (e.g. { columns: { cv: 'resume_text' } })`,
    });
  }
  if (typeof value !== 'string') {
    return new DataError({
      ...base,
      reason: 'invalid-value',
      problem: `field must be a string, got ${Array.isArray(value) ? 'an array' : typeof value}`,
      fix: 'Store the text as a JSON string',
    });
  }
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > options.maxFieldBytes) {
    return new DataError({
      ...base,
      reason: 'too-large',
      problem: `field is ${bytes} bytes, over the limit of ${options.maxFieldBytes} bytes`,
      fix: 'Shorten or drop the record, or raise the maxFieldBytes option if such texts are expected',
    });
  }
  if (value.trim() === '') {
    return new DataError({
      ...base,
      reason: 'empty-text',
      problem: 'text is empty',
      fix: 'Fill in the text or remove the record',
    });
  }
  return options.normalize ? normalizeText(value) : value;
}

/** Read an optional id-like field as a string (numbers are stringified); undefined when absent or empty. @internal */
export function optionalString(record: Readonly<Record<string, unknown>>, column: string | undefined): string | undefined {
  if (column === undefined) return undefined;
  const v = record[column];
  if (v === undefined || v === null) return undefined;
  const s = typeof v === 'string' ? v.trim() : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  return s === undefined || s === '' ? undefined : s;
}

/**
 * Parse a 0/1 label. Accepts 0, 1, true, false and the strings "0", "1", "0.0", "1.0", "true",
 * "false", "yes", "no" (any case, trimmed). @internal
 */
export function labelField(
  record: Readonly<Record<string, unknown>>,
  column: string,
  where: { file: string; line: number },
): 0 | 1 | DataError {
  const value = record[column];
  const base = { file: where.file, line: where.line, field: column };
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    return new DataError({
      ...base,
      reason: 'missing-field',
      problem: 'label is missing',
      fix: `Give every record a 0/1 label, or map your label column with { columns: { label: '<name>' } }`,
    });
  }
  if (value === 1 || value === true) return 1;
  if (value === 0 || value === false) return 0;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (['1', '1.0', 'true', 'yes'].includes(v)) return 1;
    if (['0', '0.0', 'false', 'no'].includes(v)) return 0;
  }
  return new DataError({
    ...base,
    reason: 'invalid-value',
    problem: `label must be 0 or 1, got ${JSON.stringify(value)}`,
    fix: 'Use 1 for a CV that fits the JD and 0 for one that does not (true/false and yes/no are accepted too)',
  });
}
