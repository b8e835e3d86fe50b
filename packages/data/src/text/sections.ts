import { foldPhrase } from './normalize.js';

/** One section of a markdown-ish CV or JD. */
export interface Section {
  /** The heading as written (without `#`, bold markers or trailing colon); `''` for text before the first heading. */
  readonly heading: string;
  /** Canonical key: a known heading's canonical name (see {@link SECTION_SYNONYMS}), else the folded heading. */
  readonly key: string;
  /** The section's text, trimmed. */
  readonly body: string;
  /** 1-based line of the heading (or 1 for the preamble). */
  readonly line: number;
}

/**
 * Canonical section keys and the headings that mean the same (folded: lower case, no `#`/`:`).
 * Covers RJDB's JD headings (Job Title, Job Summary, Required Skills, Required Experience,
 * Responsibilities), its CV headings (Personal Information, Education, Skills, Experience) and common
 * variants.
 */
export const SECTION_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  'job title': ['job title', 'title', 'position', 'job position', 'role title'],
  'job summary': ['job summary', 'job description', 'about the role', 'role summary', 'overview', 'job overview', 'the role'],
  'required skills': ['required skills', 'skills required', 'requirements', 'qualifications', 'required qualifications', 'must have', 'must-have skills', 'what you bring'],
  'required experience': ['required experience', 'experience requirements', 'experience required', 'experience needed'],
  responsibilities: ['responsibilities', 'key responsibilities', 'duties', 'what you will do', 'main duties'],
  'nice to have': ['nice to have', 'preferred skills', 'bonus skills', 'preferred qualifications'],
  summary: ['summary', 'profile', 'professional summary', 'about me', 'objective', 'career summary'],
  skills: ['skills', 'key skills', 'core skills', 'technical skills', 'competencies', 'skill set'],
  experience: ['experience', 'work experience', 'professional experience', 'employment history', 'work history', 'career history'],
  education: ['education', 'qualifications and education', 'academic background'],
  'personal information': ['personal information', 'personal details', 'contact', 'contact information'],
};

const CANONICAL = new Map<string, string>();
for (const [key, names] of Object.entries(SECTION_SYNONYMS)) for (const n of names) CANONICAL.set(n, key);

/**
 * The canonical key of a heading: `'## Job Title:'` → `'job title'`, `'Work Experience'` → `'experience'`;
 * unknown headings fold to lower case.
 *
 * @example
 * ```ts
 * sectionKey('Key Skills'); // 'skills'
 * ```
 */
export function sectionKey(heading: string): string {
  const f = foldPhrase(heading.replace(/^#+/, ''));
  return CANONICAL.get(f) ?? f;
}

const MD_HEADING = /^\s{0,3}#{1,6}\s*(.*?)\s*#*\s*$/;
const BOLD_HEADING = /^\s*\*\*(.+?)\*\*\s*:?\s*(.*)$/;

/**
 * Split a CV or JD into sections. A heading is a markdown heading (`#` to `######`, space optional),
 * a bold line (`**Skills**`), or a plain line that is a known heading name (`Required Skills:`), so
 * RJDB's variants all parse. `Heading: content` on one line puts the content in the section body.
 * Text before the first heading becomes a section with heading `''` and key `''`.
 *
 * @example
 * ```ts
 * const s = parseSections('## Job Title\nData Analyst\n\n## Required Skills\n- SQL\n- Excel');
 * s.map((x) => x.key);   // ['job title', 'required skills']
 * s[1]?.body;            // '- SQL\n- Excel'
 * ```
 */
export function parseSections(text: string): Section[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: Section[] = [];
  let heading = '';
  let key = '';
  let startLine = 1;
  let body: string[] = [];
  const flush = (): void => {
    const b = body.join('\n').trim();
    if (heading !== '' || b !== '') out.push({ heading, key, body: b, line: startLine });
  };
  lines.forEach((line, i) => {
    const h = headingOf(line);
    if (h === undefined) {
      body.push(line);
      return;
    }
    flush();
    heading = h.heading;
    key = sectionKey(h.heading);
    startLine = i + 1;
    body = h.rest === '' ? [] : [h.rest];
  });
  flush();
  return out;
}

function headingOf(line: string): { heading: string; rest: string } | undefined {
  const md = MD_HEADING.exec(line);
  if (md && /^\s{0,3}#/.test(line)) {
    const inner = (md[1] ?? '').replace(/^\*\*(.*)\*\*$/, '$1').trim();
    if (inner === '') return undefined; // a bare '#' line is not a heading
    const split = splitKnown(inner);
    return split ?? { heading: stripColon(inner), rest: '' };
  }
  const bold = BOLD_HEADING.exec(line);
  if (bold) {
    const name = stripColon(bold[1] ?? '');
    if (CANONICAL.has(foldPhrase(name))) return { heading: name, rest: (bold[2] ?? '').trim() };
  }
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.length > 60) return undefined;
  if (CANONICAL.has(foldPhrase(trimmed)) && !/^[-*•\d]/.test(trimmed)) return { heading: stripColon(trimmed), rest: '' };
  return splitKnown(trimmed);
}

/** `'Job Title: Data Analyst'` → heading 'Job Title', rest 'Data Analyst' when the prefix is a known heading. */
function splitKnown(text: string): { heading: string; rest: string } | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0 || /^(?:[-*•–]|\d{1,3}[.)])/.test(text)) return undefined;
  const name = text.slice(0, colon).trim();
  if (!CANONICAL.has(foldPhrase(name))) return undefined;
  return { heading: name, rest: text.slice(colon + 1).trim() };
}

function stripColon(s: string): string {
  return s.replace(/\s*:\s*$/, '').trim();
}

/**
 * The body of the first section whose canonical key is one of `keys`, or `undefined`.
 *
 * @example
 * ```ts
 * getSection('Skills: Python, SQL', 'skills'); // 'Python, SQL'
 * getSection(jdText, ['required skills', 'skills']);
 * ```
 */
export function getSection(textOrSections: string | readonly Section[], keys: string | readonly string[]): string | undefined {
  const sections = typeof textOrSections === 'string' ? parseSections(textOrSections) : textOrSections;
  const wanted = (typeof keys === 'string' ? [keys] : keys).map(sectionKey);
  for (const k of wanted) {
    const s = sections.find((x) => x.key === k);
    if (s) return s.body;
  }
  return undefined;
}

/**
 * Split a section body into list items: `-`, `*`, `•`, `1.` and `1)` bullets; otherwise one item per
 * line; a single line is split on commas and semicolons. Markers and trailing full stops are removed.
 *
 * @example
 * ```ts
 * listItems('1. Python\n2. SQL');   // ['Python', 'SQL']
 * listItems('Python, SQL; Excel');  // ['Python', 'SQL', 'Excel']
 * ```
 */
export function listItems(body: string): string[] {
  const lines = body
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const clean = (s: string): string => s.replace(/^(?:[-*•–]|\d{1,3}[.)])\s*/, '').replace(/\.\s*$/, '').trim();
  if (lines.length === 1) {
    const only = clean(lines[0] as string);
    return only
      .split(/[,;]\s*/)
      .map((x) => x.trim())
      .filter((x) => x !== '');
  }
  return lines.map(clean).filter((x) => x !== '');
}
