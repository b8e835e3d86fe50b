import { SENIORITY_LEVELS } from '../types.js';
import type { CV, JD, Seniority } from '../types.js';
import { getSection, parseSections } from '../text/sections.js';
import type { Section } from '../text/sections.js';
import { createPhraseMatcher } from '../text/skills.js';
import type { PhraseMatcher } from '../text/skills.js';
import { OCCUPATIONS, SENIORITY_WORDS, SENIORITY_YEARS, SOFT_SKILLS } from './vocabulary.js';
import type { OccupationSpec } from './vocabulary.js';

/** Facts the oracle reads from a CV. */
export interface CvFacts {
  /** Occupation id of the current (first listed) role, or undefined when none is named. */
  readonly occupation: string | undefined;
  /** Skills found (canonical names), in order of appearance. */
  readonly skills: readonly string[];
  /** Career stage (from total years, else the title's seniority word). */
  readonly seniority: Seniority | undefined;
  /** Total years of experience, when stated or computable from date ranges. */
  readonly years: number | undefined;
}

/** Facts the oracle reads from a JD. */
export interface JdFacts {
  /** Occupation id named in the title (else the first one named anywhere). */
  readonly occupation: string | undefined;
  /** Required skills (canonical names): from the required-skills section when there is one, else the whole text. */
  readonly skills: readonly string[];
  /** Seniority asked for: a seniority word in the title, else the minimum years, else `mid` for a plain title. */
  readonly seniority: Seniority | undefined;
  /** Minimum years asked for, when stated. */
  readonly minYears: number | undefined;
}

/**
 * How well a CV fits a JD, according to the synthetic market's ground truth.
 *
 * - `occupationMatch`: the JD's occupation is the CV's current occupation.
 * - `skillRecall`: share of the JD's required skills that the CV has (0 when the JD names none).
 * - `seniorityGap`: |level(CV) − level(JD)| in steps of junior < mid < senior < lead (null when unknown).
 * - `seniorityMatch`: gap is 0.
 * - `score` = 0.4·occupationMatch + 0.35·skillRecall + 0.25·seniorityScore, where seniorityScore is 1
 *   for gap 0, 0.5 for gap 1, else 0. In [0, 1]; 1 only for a perfect fit.
 * - `fits` = occupationMatch ∧ skillRecall ≥ minSkillRecall (default 0.75) ∧ seniorityMatch.
 *
 * @example
 * ```ts
 * const r: FitResult = market.fit(cvText, jdText);
 * if (!r.fits) console.log(r.occupationMatch, r.missingSkills, r.seniorityGap);
 * ```
 */
export interface FitResult {
  readonly score: number;
  readonly fits: boolean;
  readonly occupationMatch: boolean;
  readonly skillRecall: number;
  readonly seniorityMatch: boolean;
  readonly seniorityGap: number | null;
  /** Required skills the CV has (sorted). */
  readonly matchedSkills: readonly string[];
  /** Required skills the CV lacks (sorted). */
  readonly missingSkills: readonly string[];
  readonly cv: CvFacts;
  readonly jd: JdFacts;
}

/** Options of the oracle. */
export interface OracleOptions {
  /** Least skill recall for `fits` (default 0.75). */
  readonly minSkillRecall?: number;
}

/** Default {@link OracleOptions.minSkillRecall}. */
export const DEFAULT_MIN_SKILL_RECALL = 0.75;

/**
 * The ground-truth fit oracle of the synthetic market. It works on TEXT (so it can score generated
 * JDs) by finding the market's known occupations (names and aliases), skills, seniority words and
 * years in it, and on structured records. See {@link FitResult} for the definition.
 *
 * @example
 * ```ts
 * const oracle = createFitOracle();
 * const r = oracle.fit(cvText, jdText);
 * r.fits; r.score; r.missingSkills;
 * oracle.occupationOf('## Job Title\nSenior Data Scientist'); // 'data-scientist'
 * ```
 */
export interface FitOracle {
  /** Fit of a CV text to a JD text. */
  fit(cvText: string, jdText: string): FitResult;
  /** Fit of structured records; missing structured fields are read from the record's text. */
  fitRecords(cv: CV, jd: JD): FitResult;
  /** Fit of already-extracted facts. */
  fitFacts(cv: CvFacts, jd: JdFacts): FitResult;
  /** Facts of a CV text. */
  parseCv(text: string): CvFacts;
  /** Facts of a JD text. */
  parseJd(text: string): JdFacts;
  /** Occupation id a CV or JD text is about (JD: its title; CV: its most recent role), or undefined. */
  occupationOf(text: string): string | undefined;
  /** Every known occupation id named in a text, in order of appearance. */
  occupationsIn(text: string): string[];
  /** Known skills named in a text (canonical names, order of appearance); occupation names are not mistaken for skills. */
  extractSkills(text: string): string[];
  /** The occupations the oracle knows. */
  readonly occupations: readonly OccupationSpec[];
  /** Every skill the oracle knows (occupation skills and soft skills, de-duplicated). */
  readonly skills: readonly string[];
}

/**
 * Level of a number of years of experience: 0–2 junior, 3–5 mid, 6–9 senior, 10+ lead.
 *
 * @example
 * ```ts
 * seniorityForYears(4);  // 'mid'
 * seniorityForYears(12); // 'lead'
 * ```
 */
export function seniorityForYears(years: number): Seniority {
  if (years >= SENIORITY_YEARS.lead[0]) return 'lead';
  if (years >= SENIORITY_YEARS.senior[0]) return 'senior';
  if (years >= SENIORITY_YEARS.mid[0]) return 'mid';
  return 'junior';
}

const WORD_TO_LEVEL = new Map<string, Seniority>();
for (const level of SENIORITY_LEVELS) for (const w of SENIORITY_WORDS[level]) WORD_TO_LEVEL.set(w.toLowerCase(), level);
const LEVEL_WORDS = [...WORD_TO_LEVEL.keys()].sort((a, b) => b.length - a.length).map((w) => w.replace(/[-]/g, '[-\\s]?'));
const LEVEL_BEFORE = new RegExp(`(?:^|[^\\p{L}])(${LEVEL_WORDS.join('|')})\\s*$`, 'iu');
const LEVEL_ANYWHERE = new RegExp(`(?<![\\p{L}])(${LEVEL_WORDS.join('|')})(?![\\p{L}])`, 'iu');
const YEARS = /(?<![\p{L}\p{N}])(\d{1,2})\s*\+?\s*(?:years?|yrs?)(?![\p{L}])/iu;
const DATE_RANGE = /\b((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2}|present|now|current)\b/giu;

function levelOfWord(word: string): Seniority | undefined {
  return WORD_TO_LEVEL.get(word.toLowerCase().replace(/\s+/g, '-')) ?? WORD_TO_LEVEL.get(word.toLowerCase().replace(/[-\s]+/g, '-'));
}

/**
 * Create the fit oracle for the built-in vocabulary (or a subset/extension of occupations).
 *
 * @example
 * ```ts
 * const { fit } = createFitOracle();
 * fit('## Skills\n- SQL\n…', '## Job Title\nData Analyst\n…').score;
 * ```
 */
export function createFitOracle(options: OracleOptions & { occupations?: readonly OccupationSpec[]; softSkills?: readonly string[]; referenceYear?: number } = {}): FitOracle {
  const occupations = options.occupations ?? OCCUPATIONS;
  const minSkillRecall = options.minSkillRecall ?? DEFAULT_MIN_SKILL_RECALL;
  const referenceYear = options.referenceYear ?? 2025;
  const occMatcher: PhraseMatcher = createPhraseMatcher(Object.fromEntries(occupations.map((o) => [o.id, [o.name, ...o.aliases]])));
  const skills = [...new Set([...occupations.flatMap((o) => o.skills), ...(options.softSkills ?? SOFT_SKILLS)])];
  const skillMatcher = createPhraseMatcher(skills);

  const fold = (t: string): string => t.normalize('NFKC').toLowerCase();
  const extractSkills = (text: string): string[] => {
    let folded = occMatcher.fold(text);
    // blank out occupation names so that 'Machine Learning Engineer' does not count as the skill 'Machine Learning'
    for (const m of occMatcher.matches(folded)) folded = folded.slice(0, m.index) + ' '.repeat(m.text.length) + folded.slice(m.index + m.text.length);
    return skillMatcher.find(folded);
  };
  const firstOccupation = (text: string | undefined): { id: string; level: Seniority | undefined } | undefined => {
    if (text === undefined) return undefined;
    const folded = fold(text);
    const m = occMatcher.matches(folded)[0];
    if (!m) return undefined;
    const lineStart = folded.lastIndexOf('\n', m.index) + 1;
    const before = LEVEL_BEFORE.exec(folded.slice(lineStart, m.index));
    return { id: m.name, level: before ? levelOfWord(before[1] as string) : undefined };
  };
  const yearsIn = (text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const m = YEARS.exec(text);
    return m ? Number(m[1]) : undefined;
  };
  const yearsFromRanges = (text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    let total = 0;
    let any = false;
    for (const m of text.matchAll(DATE_RANGE)) {
      const start = Number(m[1]);
      const end = /^\d/.test(m[2] as string) ? Number(m[2]) : referenceYear;
      if (end >= start) {
        total += end - start;
        any = true;
      }
    }
    return any ? total : undefined;
  };

  const parseCv = (text: string): CvFacts => {
    const sections = parseSections(text);
    const experience = getSection(sections, 'experience');
    const summary = getSection(sections, ['summary', '']);
    const occ = firstOccupation(experience) ?? firstOccupation(summary) ?? firstOccupation(text);
    const skillText = getSection(sections, 'skills');
    const years = yearsIn(summary) ?? yearsIn(text) ?? yearsFromRanges(experience);
    const seniority = years !== undefined ? seniorityForYears(years) : occ?.level;
    return { occupation: occ?.id, skills: extractSkills(skillText ?? text), seniority, years };
  };

  const parseJd = (text: string): JdFacts => {
    const sections: Section[] = parseSections(text);
    const title = getSection(sections, 'job title');
    const occ = firstOccupation(title) ?? firstOccupation(text);
    const skillText = getSection(sections, 'required skills');
    const minYears = yearsIn(getSection(sections, 'required experience')) ?? yearsIn(text);
    let seniority: Seniority | undefined;
    const titleWord = title !== undefined ? LEVEL_ANYWHERE.exec(fold(title)) : null;
    if (titleWord) seniority = levelOfWord(titleWord[1] as string);
    else if (title === undefined && occ?.level) seniority = occ.level;
    else if (minYears !== undefined) seniority = seniorityForYears(minYears);
    else if (occ !== undefined) seniority = 'mid';
    return { occupation: occ?.id, skills: extractSkills(skillText ?? text), seniority, minYears };
  };

  const fitFacts = (cv: CvFacts, jd: JdFacts): FitResult => {
    const occupationMatch = cv.occupation !== undefined && cv.occupation === jd.occupation;
    const have = new Set(cv.skills.map((s) => s.toLowerCase()));
    const required = [...new Set(jd.skills)].sort();
    const matchedSkills = required.filter((s) => have.has(s.toLowerCase()));
    const missingSkills = required.filter((s) => !have.has(s.toLowerCase()));
    const skillRecall = required.length === 0 ? 0 : matchedSkills.length / required.length;
    const gap =
      cv.seniority !== undefined && jd.seniority !== undefined
        ? Math.abs(SENIORITY_LEVELS.indexOf(cv.seniority) - SENIORITY_LEVELS.indexOf(jd.seniority))
        : null;
    const seniorityScore = gap === 0 ? 1 : gap === 1 ? 0.5 : 0;
    const score = 0.4 * (occupationMatch ? 1 : 0) + 0.35 * skillRecall + 0.25 * seniorityScore;
    const seniorityMatch = gap === 0;
    return {
      score: Math.round(score * 1e6) / 1e6,
      fits: occupationMatch && skillRecall >= minSkillRecall && seniorityMatch,
      occupationMatch,
      skillRecall,
      seniorityMatch,
      seniorityGap: gap,
      matchedSkills,
      missingSkills,
      cv,
      jd,
    };
  };

  const canonicalSkills = (list: readonly string[]): string[] => [...new Set(list.map((s) => skillMatcher.find(s)[0] ?? s))];

  return {
    occupations,
    skills,
    parseCv,
    parseJd,
    fitFacts,
    fit: (cvText, jdText) => fitFacts(parseCv(cvText), parseJd(jdText)),
    fitRecords: (cv, jd) => {
      const needCvText = cv.occupation === undefined || cv.skills === undefined || (cv.seniority === undefined && cv.years === undefined);
      const needJdText = jd.occupation === undefined || jd.requiredSkills === undefined || (jd.seniority === undefined && jd.minYears === undefined);
      const pc = needCvText ? parseCv(cv.text) : undefined;
      const pj = needJdText ? parseJd(jd.text) : undefined;
      const cvFacts: CvFacts = {
        occupation: cv.occupation ?? pc?.occupation,
        skills: cv.skills ? canonicalSkills(cv.skills) : (pc?.skills ?? []),
        years: cv.years ?? pc?.years,
        seniority: cv.seniority ?? (cv.years !== undefined ? seniorityForYears(cv.years) : pc?.seniority),
      };
      const jdFacts: JdFacts = {
        occupation: jd.occupation ?? pj?.occupation,
        skills: jd.requiredSkills ? canonicalSkills(jd.requiredSkills) : (pj?.skills ?? []),
        minYears: jd.minYears ?? pj?.minYears,
        seniority: jd.seniority ?? (jd.minYears !== undefined ? seniorityForYears(jd.minYears) : pj?.seniority),
      };
      return fitFacts(cvFacts, jdFacts);
    },
    occupationOf: (text) => {
      const sections = parseSections(text);
      if (sections.some((s) => s.key === 'job title' || s.key === 'required skills')) return parseJd(text).occupation;
      return parseCv(text).occupation;
    },
    occupationsIn: (text) => occMatcher.find(text),
    extractSkills,
  };
}
