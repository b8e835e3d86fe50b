import type { TextStyle } from './templates.js';
import { OCCUPATIONS } from './vocabulary.js';
import { DEFAULT_MIN_SKILL_RECALL } from './oracle.js';

/** Options of {@link createJobMarket}. Every field is optional. */
export interface JobMarketOptions {
  /** Seed (default 1). Same seed and options → identical market. */
  readonly seed?: number;
  /** Job seekers (default 500). */
  readonly people?: number;
  /** Posted jobs, for interaction logs (default 300). */
  readonly jobs?: number;
  /** Recruiter-feedback pairs (default 2000). */
  readonly pairs?: number;
  /** SFT pairs per person (default 1): the person's CV → a JD written for them. */
  readonly sftPerPerson?: number;
  /** Number of occupations used (default all 35; first N of the vocabulary), or a list of occupation ids. */
  readonly occupations?: number | readonly string[];
  /** Shares of pair kinds (normalised; default positive 0.4, hard negatives 0.3, random negatives 0.3). */
  readonly pairMix?: { readonly positive?: number; readonly hardNegative?: number; readonly randomNegative?: number };
  /** Probability that a pair's label is flipped (default 0.05). */
  readonly labelNoise?: number;
  /** Text length preset (default 'compact'). */
  readonly style?: TextStyle;
  /** Required skills per JD, inclusive range (default [4, 5]; long style [5, 7]). */
  readonly requiredSkills?: readonly [number, number];
  /** Occupation skills per CV, inclusive range (default [5, 7]; long style [7, 9]). */
  readonly cvSkills?: readonly [number, number];
  /** Share of people with no interactions (cold start; default 0.1). */
  readonly coldStartRate?: number;
  /** Views per non-cold-start person, inclusive range (default [2, 8]). */
  readonly viewsPerPerson?: readonly [number, number];
  /** The "current" year of the market: CVs' date ranges end here (default 2025). */
  readonly referenceYear?: number;
  /** Least skill recall for `fits` (default 0.75). */
  readonly minSkillRecall?: number;
}

/** Shares of the pair kinds (normalised to sum 1). */
export interface PairMix {
  readonly positive: number;
  readonly hardNegative: number;
  readonly randomNegative: number;
}

/** {@link JobMarketOptions} with every default filled in and validated. */
export interface ResolvedMarketOptions {
  readonly seed: number;
  readonly people: number;
  readonly jobs: number;
  readonly pairs: number;
  readonly sftPerPerson: number;
  readonly labelNoise: number;
  readonly style: TextStyle;
  readonly requiredSkills: readonly [number, number];
  readonly cvSkills: readonly [number, number];
  readonly coldStartRate: number;
  readonly viewsPerPerson: readonly [number, number];
  readonly referenceYear: number;
  readonly minSkillRecall: number;
  /** Occupation ids in use. */
  readonly occupations: readonly string[];
  readonly pairMix: PairMix;
}

/** Default market sizes and knobs. */
export const DEFAULT_MARKET_OPTIONS = {
  seed: 1,
  people: 500,
  jobs: 300,
  pairs: 2000,
  sftPerPerson: 1,
  labelNoise: 0.05,
  style: 'compact' as TextStyle,
  coldStartRate: 0.1,
  viewsPerPerson: [2, 8] as const,
  referenceYear: 2025,
  minSkillRecall: DEFAULT_MIN_SKILL_RECALL,
} as const;

/**
 * Fill in defaults and validate market options; a bad option throws a RangeError that names it.
 *
 * @example
 * ```ts
 * resolveMarketOptions({ people: 10 }).pairs; // 2000
 * ```
 */
export function resolveMarketOptions(options: JobMarketOptions = {}): ResolvedMarketOptions {
  const style: TextStyle = options.style ?? 'compact';
  if (style !== 'compact' && style !== 'long') throw new RangeError(`style must be 'compact' or 'long', got ${JSON.stringify(style)}`);
  const o = {
    seed: options.seed ?? DEFAULT_MARKET_OPTIONS.seed,
    people: options.people ?? DEFAULT_MARKET_OPTIONS.people,
    jobs: options.jobs ?? DEFAULT_MARKET_OPTIONS.jobs,
    pairs: options.pairs ?? DEFAULT_MARKET_OPTIONS.pairs,
    sftPerPerson: options.sftPerPerson ?? DEFAULT_MARKET_OPTIONS.sftPerPerson,
    labelNoise: options.labelNoise ?? DEFAULT_MARKET_OPTIONS.labelNoise,
    style,
    requiredSkills: options.requiredSkills ?? (style === 'long' ? ([5, 7] as const) : ([4, 5] as const)),
    cvSkills: options.cvSkills ?? (style === 'long' ? ([7, 9] as const) : ([5, 7] as const)),
    coldStartRate: options.coldStartRate ?? DEFAULT_MARKET_OPTIONS.coldStartRate,
    viewsPerPerson: options.viewsPerPerson ?? DEFAULT_MARKET_OPTIONS.viewsPerPerson,
    referenceYear: options.referenceYear ?? DEFAULT_MARKET_OPTIONS.referenceYear,
    minSkillRecall: options.minSkillRecall ?? DEFAULT_MARKET_OPTIONS.minSkillRecall,
  };
  if (!Number.isFinite(o.seed)) throw new RangeError(`seed must be a finite number, got ${o.seed}`);
  for (const k of ['people', 'jobs', 'pairs', 'sftPerPerson'] as const) checkCount(k, o[k]);
  checkProb('labelNoise', o.labelNoise);
  checkProb('coldStartRate', o.coldStartRate);
  checkProb('minSkillRecall', o.minSkillRecall);
  checkRange('requiredSkills', o.requiredSkills, 1);
  checkRange('cvSkills', o.cvSkills, 1);
  checkRange('viewsPerPerson', o.viewsPerPerson, 0);
  if (o.pairs > 0 && o.people === 0) throw new RangeError('pairs need people: set people >= 1');

  const occupations = resolveOccupations(options.occupations);
  const mixIn = options.pairMix ?? {};
  const mixRaw = { positive: mixIn.positive ?? 0.4, hardNegative: mixIn.hardNegative ?? 0.3, randomNegative: mixIn.randomNegative ?? 0.3 };
  const mixSum = mixRaw.positive + mixRaw.hardNegative + mixRaw.randomNegative;
  if (![mixRaw.positive, mixRaw.hardNegative, mixRaw.randomNegative].every((v) => v >= 0) || !(mixSum > 0)) {
    throw new RangeError(`pairMix shares must be >= 0 and not all 0, got ${JSON.stringify(mixIn)}`);
  }
  const pairMix = { positive: mixRaw.positive / mixSum, hardNegative: mixRaw.hardNegative / mixSum, randomNegative: mixRaw.randomNegative / mixSum };
  if (pairMix.randomNegative > 0 && occupations.length < 2 && o.pairs > 0) throw new RangeError('random negatives need at least 2 occupations');

  return { ...o, occupations, pairMix };
}

function checkRange(name: string, r: readonly [number, number], min: number): void {
  if (!Array.isArray(r) || r.length !== 2 || !Number.isInteger(r[0]) || !Number.isInteger(r[1]) || r[0] < min || r[1] < r[0]) {
    throw new RangeError(`${name} must be [lo, hi] integers with ${min} <= lo <= hi, got ${JSON.stringify(r)}`);
  }
}

function checkCount(name: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be an integer >= 0, got ${n}`);
}

function checkProb(name: string, p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${p}`);
}

function resolveOccupations(spec: number | readonly string[] | undefined): string[] {
  if (spec === undefined) return OCCUPATIONS.map((x) => x.id);
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec) || spec < 1 || spec > OCCUPATIONS.length) {
      throw new RangeError(`occupations must be an integer in [1, ${OCCUPATIONS.length}], got ${spec}`);
    }
    return OCCUPATIONS.slice(0, spec).map((x) => x.id);
  }
  const known = new Set(OCCUPATIONS.map((x) => x.id));
  const bad = spec.filter((id) => !known.has(id));
  if (bad.length > 0 || spec.length === 0) {
    throw new RangeError(`unknown occupation ids ${JSON.stringify(bad)}; known: ${[...known].join(', ')}`);
  }
  return [...new Set(spec)];
}
