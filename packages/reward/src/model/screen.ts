/**
 * "Recruiter screen" features of a (CV, JD) pair for the reward model's wide head (`lexical: 'screen'`):
 * the three questions a recruiter asks first — does the CV have the listed skills, is it the same job,
 * is it the right career stage — answered from the texts with plain rules that need no vocabulary of the
 * market (markdown sections, list items, English seniority words and "N years" phrases). They work on any
 * CV/JD in the common markdown shape (the synthetic market, RJDB) and give neutral values where a text
 * has no such section.
 */
import { foldPhrase, getSection, listItems, listedSkills, parseSections } from '@girl/data';

/** The screen's features, in order (each in [0, 1]). */
export const SCREEN_FEATURES = ['skillCoverage', 'titleCoverage', 'seniorityFit', 'seniorityExact'] as const;

/** Career stages are numbered 0 junior, 1 mid, 2 senior, 3 lead. */

/** English seniority words → level (checked as whole words, hyphen-insensitive). */
const LEVEL_WORDS: readonly [RegExp, number][] = [
  [/\b(?:junior|entry[- ]level|graduate|trainee|associate)\b/i, 0],
  [/\b(?:mid[- ]level|intermediate)\b/i, 1],
  [/\b(?:senior|experienced|sr)\b/i, 2],
  [/\b(?:lead|principal|staff|head of)\b/i, 3],
];
const SENIORITY_WORD = /\b(?:junior|entry[- ]level|graduate|trainee|associate|mid[- ]level|intermediate|senior|experienced|sr|lead|principal|staff|head)\b/gi;
const STOP = new Set(['a', 'an', 'and', 'of', 'the', 'for', 'in', 'to', 'with', 'at', 'on', '-', '&']);

/**
 * Level of a number of years of experience, in the usual bands: 0–2 junior, 3–5 mid, 6–9 senior, 10+ lead.
 *
 * @example
 * ```ts
 * levelForYears(7); // 2 (senior)
 * ```
 */
export function levelForYears(years: number): number {
  return years >= 10 ? 3 : years >= 6 ? 2 : years >= 3 ? 1 : 0;
}

/** The level a seniority word in `text` names, or undefined when none does. */
export function levelFromWords(text: string): number | undefined {
  for (const [re, level] of LEVEL_WORDS) if (re.test(text)) return level;
  return undefined;
}

/** Years in "7 years of experience", "3+ years", "minimum of 3 years"; the first such number, else undefined. */
export function yearsIn(text: string): number | undefined {
  const m = /(\d{1,2})\s*\+?\s*(?:years?|yrs?)\b/i.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** The CV's career stage: its stated years, else its current title's seniority word. */
export function cvLevel(cv: string): number | undefined {
  const sections = parseSections(cv);
  const summary = getSection(sections, 'summary') ?? '';
  const years = yearsIn(summary) ?? yearsIn(cv);
  if (years !== undefined) return levelForYears(years);
  return levelFromWords(currentRole(cv) ?? summary);
}

/** The JD's asked-for stage: a seniority word in its title, else its minimum years, else mid for a plain title. */
export function jdLevel(jd: string): number | undefined {
  const title = jdTitle(jd);
  const fromTitle = title === undefined ? undefined : levelFromWords(title);
  if (fromTitle !== undefined) return fromTitle;
  const years = yearsIn(getSection(jd, 'required experience') ?? jd);
  if (years !== undefined) return levelForYears(years);
  return title === undefined ? undefined : 1;
}

/** The JD's title: its title section, else its first non-empty line. */
export function jdTitle(jd: string): string | undefined {
  const t = getSection(jd, 'job title') ?? jd.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  return t === undefined ? undefined : t.split('\n')[0]?.trim();
}

/** The CV's current role: the first item of its experience section (dates removed), when there is one. */
function currentRole(cv: string): string | undefined {
  const body = getSection(cv, 'experience');
  const first = body === undefined ? undefined : listItems(body)[0];
  return first?.replace(/\(.*?\)/g, '').trim();
}

/** Content words of a title, without seniority words: `'Mid-Level HR Specialist'` → `['hr', 'specialist']`. */
export function titleWords(title: string): string[] {
  return foldPhrase(title.replace(SENIORITY_WORD, ' '))
    .split(/[^a-z0-9+#]+/)
    .filter((w) => w !== '' && !STOP.has(w));
}

function containsPhrase(haystack: string, phrase: string): boolean {
  const p = foldPhrase(phrase);
  if (p === '') return false;
  // every occurrence, until one stands as a whole phrase ('r' inside 'write' does not count)
  for (let at = haystack.indexOf(p); at >= 0; at = haystack.indexOf(p, at + 1)) {
    const before = at === 0 ? ' ' : haystack[at - 1]!;
    const after = haystack[at + p.length] ?? ' ';
    if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return true;
  }
  return false;
}

/**
 * The screen's features of one pair (see {@link SCREEN_FEATURES}), each in [0, 1]:
 * - `skillCoverage`: share of the JD's listed required skills found (as phrases) in the CV; 0 when it lists none;
 * - `titleCoverage`: share of the JD title's content words found in the CV's summary and current role;
 * - `seniorityFit`: 1 for the same career stage, 0.5 one stage apart, 0 further; 0.5 when either is unknown;
 * - `seniorityExact`: 1 for the same stage, else 0; 0.5 when either is unknown.
 *
 * @example
 * ```ts
 * screenFeatures('## Summary\nSenior Auditor, 7 years of experience.\n## Skills\n- SOX Compliance',
 *   '## Job Title\nSenior Auditor\n## Required Skills\n- SOX Compliance'); // [1, 1, 1, 1]
 * ```
 */
export function screenFeatures(cv: string, jd: string): number[] {
  const cvText = foldPhrase(cv);
  const skills = listedSkills(jd);
  const skillCoverage = skills.length === 0 ? 0 : skills.filter((s) => containsPhrase(cvText, s)).length / skills.length;
  const title = jdTitle(jd);
  const words = title === undefined ? [] : titleWords(title);
  const sections = parseSections(cv);
  const own = foldPhrase(`${getSection(sections, 'summary') ?? ''}\n${currentRole(cv) ?? ''}`);
  const ownWords = new Set(own.split(/[^a-z0-9+#]+/));
  const titleCoverage = words.length === 0 ? 0 : words.filter((w) => ownWords.has(w)).length / words.length;
  const a = cvLevel(cv);
  const b = jdLevel(jd);
  const gap = a === undefined || b === undefined ? undefined : Math.abs(a - b);
  const seniorityFit = gap === undefined ? 0.5 : gap === 0 ? 1 : gap === 1 ? 0.5 : 0;
  const seniorityExact = gap === undefined ? 0.5 : gap === 0 ? 1 : 0;
  return [skillCoverage, titleCoverage, seniorityFit, seniorityExact];
}
