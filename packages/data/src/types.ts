/**
 * The records every GIRL trainer consumes. Texts are plain strings (markdown allowed); the optional
 * structured fields are filled by the synthetic market and by loaders that know them, and left out
 * otherwise.
 */

/** Career stage. Ordered: junior < mid < senior < lead. */
export type Seniority = 'junior' | 'mid' | 'senior' | 'lead';

/** The seniority levels in order, lowest first. */
export const SENIORITY_LEVELS: readonly Seniority[] = ['junior', 'mid', 'senior', 'lead'];

/**
 * A job seeker's CV.
 *
 * @example
 * ```ts
 * const cv: CV = { id: 'p1', text: '## Skills\n- Python\n\n## Experience\n1. Data Analyst (2020 - 2024)' };
 * ```
 */
export interface CV {
  /** Stable identifier (a person id for the synthetic market, `rjdb:<split>:<row>` for RJDB). */
  readonly id: string;
  /** The CV text, markdown sections allowed (`## Skills`, `## Experience`, …). */
  readonly text: string;
  /** Occupation id of the current role, when known. */
  readonly occupation?: string;
  /** Skills the person has, when known (display names). */
  readonly skills?: readonly string[];
  /** Career stage, when known. */
  readonly seniority?: Seniority;
  /** Total years of experience, when known. */
  readonly years?: number;
}

/**
 * A job description.
 *
 * @example
 * ```ts
 * const jd: JD = { id: 'j1', text: '## Job Title\nData Analyst\n\n## Required Skills\n- SQL' };
 * ```
 */
export interface JD {
  /** Stable identifier. */
  readonly id: string;
  /** The JD text, markdown sections allowed (`## Job Title`, `## Required Skills`, …). */
  readonly text: string;
  /** Occupation id, when known. */
  readonly occupation?: string;
  /** Job title as written, when known. */
  readonly title?: string;
  /** Required skills (display names), when known. */
  readonly requiredSkills?: readonly string[];
  /** Seniority the job asks for, when known. */
  readonly seniority?: Seniority;
  /** Minimum years of experience asked for, when known. */
  readonly minYears?: number;
}

/**
 * Recruiter feedback on one CV–JD pair: 1 = the CV fits the JD, 0 = it does not.
 *
 * @example
 * ```ts
 * const pair: LabelledPair = { cv: 'CV text', jd: 'JD text', label: 1, source: 'feedback.csv' };
 * ```
 */
export interface LabelledPair {
  /** CV text. */
  readonly cv: string;
  /** JD text. */
  readonly jd: string;
  /** 1 = fits (matched), 0 = does not fit (unmatched). */
  readonly label: 0 | 1;
  /** Where the pair came from: `'rjdb'`, `'synthetic'`, a file name, … */
  readonly source: string;
  /** Group key for leak-free splits (e.g. the JD id), when known. */
  readonly group?: string;
  /** Id of the CV, when known. */
  readonly cvId?: string;
  /** Id of the JD, when known. */
  readonly jdId?: string;
}

/**
 * A supervised fine-tuning example: the generator learns to write `jd` given `cv`.
 *
 * @example
 * ```ts
 * const ex: SftPair = { cv: 'CV text', jd: 'JD that suits it', source: 'rjdb' };
 * ```
 */
export interface SftPair {
  readonly cv: string;
  readonly jd: string;
  readonly source: string;
  /** Group key for leak-free splits, when known. */
  readonly group?: string;
  readonly cvId?: string;
  readonly jdId?: string;
}

/** What a job seeker did with a job, in funnel order. */
export type InteractionEvent = 'view' | 'apply' | 'interview' | 'hire';

/** The interaction events in funnel order. */
export const INTERACTION_EVENTS: readonly InteractionEvent[] = ['view', 'apply', 'interview', 'hire'];

/**
 * One row of an interaction log (for recommenders).
 *
 * @example
 * ```ts
 * const row: Interaction = { personId: 'p1', jobId: 'j9', event: 'apply', timestamp: Date.UTC(2025, 0, 3) };
 * ```
 */
export interface Interaction {
  readonly personId: string;
  readonly jobId: string;
  readonly event: InteractionEvent;
  /** Milliseconds since the Unix epoch (UTC). */
  readonly timestamp: number;
}

/** A value read from a file, with where it came from (for error messages and grouping). */
export interface Located<T> {
  readonly value: T;
  /** The file it was read from. */
  readonly file: string;
  /** 1-based line number where the record starts. */
  readonly line: number;
}
