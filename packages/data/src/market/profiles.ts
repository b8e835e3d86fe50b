import type { CV, JD, Seniority } from '../types.js';

/** One past or current role on a synthetic CV. */
export interface Role {
  /** Occupation id. */
  readonly occupation: string;
  /** Title as written (seniority word + occupation name or alias). */
  readonly title: string;
  readonly startYear: number;
  /** End year; equal to the market's reference year for the current role. */
  readonly endYear: number;
  /** Employer (fictional), when the CV names one. */
  readonly company?: string;
}

/** A synthetic job seeker: the facts and the CV written from them. */
export interface Person {
  readonly id: string;
  /** Occupation id of the current role. */
  readonly occupation: string;
  readonly seniority: Seniority;
  /** Total years of experience (sum of the roles). */
  readonly years: number;
  /** Skills (canonical names): a subset of the occupation's pool plus one or two soft skills. */
  readonly skills: readonly string[];
  /** Roles, most recent first. */
  readonly history: readonly Role[];
  readonly education: string;
  readonly name: string;
  /** The CV text and its structured fields. */
  readonly cv: CV;
}

/** A synthetic job: the facts and the JD written from them. */
export interface Job {
  readonly id: string;
  readonly occupation: string;
  readonly seniority: Seniority;
  readonly minYears: number;
  /** Required skills (canonical names). */
  readonly requiredSkills: readonly string[];
  /** Title as written. */
  readonly title: string;
  readonly company: string;
  /** The JD text and its structured fields. */
  readonly jd: JD;
}

/** What a JD is written from (see `market.writeJd`). */
export interface JobSpec {
  readonly occupation: string;
  readonly seniority: Seniority;
  readonly requiredSkills: readonly string[];
}
