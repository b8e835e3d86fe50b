/**
 * How a set of generated JDs reads, beside their reward: do lines repeat, are the usual sections there,
 * how many distinct skills they ask for, and (with the synthetic market's oracle) whether the occupation
 * and seniority are the CV's. PPO must not raise its reward by writing shorter or degenerate JDs.
 */
import type { FitOracle } from '@girl/data';

/** Quality figures of a set of JDs (means over JDs). Null where a measure needs the oracle or headings the data lacks. */
export interface JdQuality {
  /** Share of a JD's non-empty lines that repeat an earlier line of the same JD (lower is better). */
  repeatedLineRate: number;
  /** Known sections the JD has over the usual count, capped at 1 (see {@link sectionShare}; higher is better). */
  sectionsPresent: number | null;
  /** Distinct skills the JD names, by the oracle's skill list (higher: a more informative JD). */
  distinctSkills: number | null;
  /** Share of JDs whose occupation is the CV's current one. */
  occupationMatch: number | null;
  /** Share of JDs whose seniority is the CV's. */
  seniorityMatch: number | null;
}

/** Markdown headings (`## Duties`) of a text, trimmed. */
export function headingsOf(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^#{1,6}\s+\S/.test(l));
}

/** What the reference JDs' sections look like: the headings they use and how many a JD has. */
export interface SectionProfile {
  /** Headings found in at least two reference JDs (one when there is a single reference). */
  known: string[];
  /** Median number of distinct headings per reference JD (0: the data has no headings). */
  perJd: number;
}

/**
 * The section profile of the reference (training) JDs. Templates vary (`## Duties` vs
 * `## Responsibilities`), so a JD is compared by how many known sections it has, not which.
 *
 * @example
 * ```ts
 * sectionProfile(['## A\nx\n## B', '## A\ny\n## B', '## C']); // { known: ['## A', '## B'], perJd: 2 }
 * ```
 */
export function sectionProfile(referenceJds: readonly string[]): SectionProfile {
  const counts = new Map<string, number>();
  const sizes: number[] = [];
  for (const jd of referenceJds) {
    const hs = new Set(headingsOf(jd));
    sizes.push(hs.size);
    for (const h of hs) counts.set(h, (counts.get(h) ?? 0) + 1);
  }
  const min = referenceJds.length > 1 ? 2 : 1;
  sizes.sort((x, y) => x - y);
  return { known: [...counts].filter(([, n]) => n >= min).map(([h]) => h), perJd: sizes.length ? (sizes[Math.floor(sizes.length / 2)] as number) : 0 };
}

/** A JD's known sections over the usual count, capped at 1 (null when the data has no headings). */
export function sectionShare(jd: string, profile: SectionProfile): number | null {
  if (profile.perJd === 0) return null;
  const known = new Set(profile.known);
  const have = new Set(headingsOf(jd).filter((h) => known.has(h))).size;
  return Math.min(1, have / profile.perJd);
}

/**
 * Share of non-empty lines that equal an earlier line of the same text (after trimming).
 *
 * @example
 * ```ts
 * repeatedLineShare('a\nb\na\na'); // 0.5
 * ```
 */
export function repeatedLineShare(text: string): number {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  if (lines.length === 0) return 0;
  const seen = new Set<string>();
  let repeats = 0;
  for (const l of lines) {
    if (seen.has(l)) repeats++;
    seen.add(l);
  }
  return repeats / lines.length;
}

const meanOf = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/** Quality of `jds` written for `cvs` (same order). `sections`: {@link sectionProfile} of the training JDs. */
export function jdQuality(cvs: readonly string[], jds: readonly string[], sections: SectionProfile, oracle: FitOracle | null): JdQuality {
  const fits = oracle ? jds.map((jd, i) => oracle.fit(cvs[i] as string, jd)) : null;
  return {
    repeatedLineRate: meanOf(jds.map(repeatedLineShare)),
    sectionsPresent: sections.perJd === 0 ? null : meanOf(jds.map((jd) => sectionShare(jd, sections) as number)),
    distinctSkills: oracle ? meanOf(jds.map((jd) => new Set(oracle.extractSkills(jd)).size)) : null,
    occupationMatch: fits ? meanOf(fits.map((f) => (f.occupationMatch ? 1 : 0))) : null,
    seniorityMatch: fits ? meanOf(fits.map((f) => (f.seniorityMatch ? 1 : 0))) : null,
  };
}
