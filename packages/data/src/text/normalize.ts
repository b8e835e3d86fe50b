/** Options for {@link normalizeText}. */
export interface NormalizeOptions {
  /** Unicode normal form (default `'NFC'`). */
  readonly form?: 'NFC' | 'NFKC';
  /** Keep line breaks (default true): runs of blank lines become one blank line. False: everything on one line. */
  readonly keepLines?: boolean;
}

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const HSPACE = /[^\S\n]+/g; // whitespace except \n (tabs, NBSP, other Unicode spaces, \r)

/**
 * Normalise text for training and comparison: Unicode NFC, `\r\n`/`\r` → `\n`, zero-width characters
 * and BOMs removed, tabs/NBSP/other spaces → one space, spaces trimmed at line ends, runs of blank
 * lines → one blank line, whole text trimmed. Idempotent: `normalizeText(normalizeText(x)) === normalizeText(x)`.
 *
 * @example
 * ```ts
 * normalizeText('  Cafe\u0301\t\tBar \r\n\r\n\r\nNext '); // 'Café Bar\n\nNext'
 * normalizeText('a\n b', { keepLines: false });            // 'a b'
 * ```
 */
export function normalizeText(text: string, options: NormalizeOptions = {}): string {
  let t = text.replace(/\r\n?/g, '\n').replace(ZERO_WIDTH, '');
  t = t.normalize(options.form ?? 'NFC');
  if (options.keepLines === false) return t.replace(/\s+/g, ' ').trim();
  t = t
    .split('\n')
    .map((line) => line.replace(HSPACE, ' ').trim())
    .join('\n');
  return t.replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * Lower-case, NFKC, punctuation-light form of a phrase for matching names (skills, occupations,
 * headings): `'Node.js'` and `'node.JS'` compare equal, `'C++'` keeps its pluses.
 *
 * @example
 * ```ts
 * foldPhrase('  Required   Skills: '); // 'required skills'
 * ```
 */
export function foldPhrase(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .replace(/^[\s:*#\-–—.]+|[\s:*#\-–—.]+$/g, '')
    .trim();
}

/**
 * Count words (runs of letters/digits) in a text; used for length budgets.
 *
 * @example
 * ```ts
 * countWords('## Skills\n- Python, SQL'); // 3
 * ```
 */
export function countWords(text: string): number {
  const m = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’+#./-]*/gu);
  return m ? m.length : 0;
}
