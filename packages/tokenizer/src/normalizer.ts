/**
 * Unicode normalisation applied to text before pre-tokenisation. GIRL's own tokenizers use none (so the
 * round trip is exact); imported Hugging Face tokenizers may use NFC (Qwen) or another form, in which case
 * `decode(encode(s))` equals `s.normalize(form)`.
 *
 * @example
 * ```ts
 * normalize('e\u0301', ['NFC']); // 'é'
 * ```
 * @module
 */

import { TokenizerError, describe } from './errors.js';

/** A Unicode normalisation form. */
export type NormalizationForm = 'NFC' | 'NFD' | 'NFKC' | 'NFKD';

const FORMS: ReadonlySet<string> = new Set(['NFC', 'NFD', 'NFKC', 'NFKD']);

/** Applies the forms in order. */
export function normalize(text: string, forms: readonly NormalizationForm[]): string {
  for (const f of forms) text = text.normalize(f);
  return text;
}

/** Checks a list of forms read from a file; `where` names the field for the error. */
export function parseForms(value: unknown, where: string): NormalizationForm[] {
  if (!Array.isArray(value) || !value.every((f) => typeof f === 'string' && FORMS.has(f))) {
    throw new TokenizerError('invalid-file', `${where}: expected an array of 'NFC' | 'NFD' | 'NFKC' | 'NFKD' but got ${describe(value)}.`);
  }
  return value as NormalizationForm[];
}
