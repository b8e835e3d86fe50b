import { createRng } from '../rng.js';
import type { Rng } from '../rng.js';
import { SENIORITY_LEVELS } from '../types.js';
import type { CV, Interaction, InteractionEvent, JD, LabelledPair, Seniority, SftPair } from '../types.js';
import { createFitOracle, DEFAULT_MIN_SKILL_RECALL, seniorityForYears } from './oracle.js';
import type { FitOracle } from './oracle.js';
import type { Job, JobSpec, Person, Role } from './profiles.js';
import { writeCompany, writeCvText, writeJdText, writeName, writeTitle } from './templates.js';
import type { TextStyle } from './templates.js';
import { FAMILIES, OCCUPATIONS, SENIORITY_YEARS, SOFT_SKILLS } from './vocabulary.js';
import type { FamilySpec, OccupationSpec } from './vocabulary.js';

/** Kinds of recruiter-feedback pairs. */
export type PairKind = 'positive' | 'hard-negative-seniority' | 'hard-negative-skills' | 'random-negative';

/**
 * A labelled pair of the synthetic market, with its ground truth.
 *
 * @example
 * ```ts
 * const flipped = market.pairs.filter((p) => p.noisy); // label !== truth exactly for these
 * ```
 */
export interface MarketPair extends LabelledPair {
  readonly source: 'synthetic';
  /** How the pair was made. */
  readonly kind: PairKind;
  /** The oracle's label (`fit(cv, jd).fits`); `label` differs from it only when `noisy`. */
  readonly truth: 0 | 1;
  /** True when label noise flipped this pair's label. */
  readonly noisy: boolean;
  /** Occupation id of the CV (handy as a split key). */
  readonly occupation: string;
  readonly cvId: string;
  readonly jdId: string;
  /** Person id: keeps a CV's pairs in one split by default. */
  readonly group: string;
}

/** An SFT example of the synthetic market: a person's CV → a JD written for them. */
export interface MarketSftPair extends SftPair {
  readonly source: 'synthetic';
  readonly occupation: string;
  readonly cvId: string;
  readonly jdId: string;
  readonly group: string;
}

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

/**
 * A seeded synthetic job market: people with CVs, jobs with JDs, recruiter feedback with label
 * noise, SFT pairs, interaction logs, and the ground-truth oracle that scores any CV/JD text.
 *
 * @example
 * ```ts
 * const market: JobMarket = createJobMarket({ seed: 1 });
 * const person = market.people[0]!;
 * market.fit(person.cv.text, market.writeJd(market.jobSpecFor(person)).text).fits; // true
 * ```
 */
export interface JobMarket extends FitOracle {
  readonly seed: number;
  /** The resolved options. */
  readonly options: Required<Omit<JobMarketOptions, 'occupations' | 'pairMix'>> & {
    readonly occupations: readonly string[];
    readonly pairMix: { readonly positive: number; readonly hardNegative: number; readonly randomNegative: number };
  };
  readonly people: readonly Person[];
  readonly jobs: readonly Job[];
  readonly pairs: readonly MarketPair[];
  readonly sftPairs: readonly MarketSftPair[];
  readonly interactions: readonly Interaction[];
  /** Ids of people with no interactions (cold-start users). */
  readonly coldStartPeople: readonly string[];
  /** Ids of jobs nobody interacted with (cold-start items). */
  readonly coldStartJobs: readonly string[];
  /** Write a fresh JD for a spec (deterministic in `seed`). */
  writeJd(spec: JobSpec, seed?: number): JD;
  /** The spec of a JD that suits a person: their occupation and seniority and a subset of their skills. */
  jobSpecFor(person: Person, seed?: number): JobSpec;
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

const LEVEL_WEIGHTS: readonly [Seniority, number][] = [
  ['junior', 0.3],
  ['mid', 0.35],
  ['senior', 0.25],
  ['lead', 0.1],
];

function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((a, [, w]) => a + w, 0);
  let r = rng.next() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return (items[items.length - 1] as readonly [T, number])[0];
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

/**
 * Generate a synthetic job market. Deterministic per seed: each part (people, jobs, pairs, SFT pairs,
 * interactions) draws from its own seeded stream, so e.g. changing `pairs` leaves the people as
 * they were. The labels of `pairs` agree with the oracle except where `noisy` is true.
 *
 * @example
 * ```ts
 * const market = createJobMarket({ seed: 7, people: 200, pairs: 1000 });
 * const { cv } = market.people[0]!;
 * const jd = market.writeJd(market.jobSpecFor(market.people[0]!));
 * market.fit(cv.text, jd.text).fits; // true
 * market.pairs.filter((p) => p.label !== p.truth).every((p) => p.noisy); // true
 * ```
 */
export function createJobMarket(options: JobMarketOptions = {}): JobMarket {
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
  const occById = new Map(OCCUPATIONS.map((x) => [x.id, x]));
  const famById = new Map(FAMILIES.map((f) => [f.id, f]));
  const occ = (id: string): OccupationSpec => occById.get(id) as OccupationSpec;
  const fam = (x: OccupationSpec): FamilySpec => famById.get(x.family) as FamilySpec;
  const mixIn = options.pairMix ?? {};
  const mixRaw = { positive: mixIn.positive ?? 0.4, hardNegative: mixIn.hardNegative ?? 0.3, randomNegative: mixIn.randomNegative ?? 0.3 };
  const mixSum = mixRaw.positive + mixRaw.hardNegative + mixRaw.randomNegative;
  if (![mixRaw.positive, mixRaw.hardNegative, mixRaw.randomNegative].every((v) => v >= 0) || !(mixSum > 0)) {
    throw new RangeError(`pairMix shares must be >= 0 and not all 0, got ${JSON.stringify(mixIn)}`);
  }
  const pairMix = { positive: mixRaw.positive / mixSum, hardNegative: mixRaw.hardNegative / mixSum, randomNegative: mixRaw.randomNegative / mixSum };
  if (pairMix.randomNegative > 0 && occupations.length < 2 && o.pairs > 0) throw new RangeError('random negatives need at least 2 occupations');

  const oracle = createFitOracle({ minSkillRecall: o.minSkillRecall, referenceYear: o.referenceYear });
  const root = createRng(o.seed);

  // 1. people
  const peopleRng = root.fork('people');
  const people: Person[] = [];
  for (let i = 0; i < o.people; i++) people.push(makePerson(peopleRng.fork(String(i)), `p${i}`));

  // 2. jobs (independent postings)
  const jobsRng = root.fork('jobs');
  const jobs: Job[] = [];
  for (let i = 0; i < o.jobs; i++) {
    const r = jobsRng.fork(String(i));
    const x = occ(r.pick(occupations));
    const level = weighted(r, LEVEL_WEIGHTS);
    const k = r.range(o.requiredSkills[0], o.requiredSkills[1]);
    jobs.push(makeJob(r, `j${i}`, { occupation: x.id, seniority: level, requiredSkills: r.sample(x.skills, k) }));
  }

  // 3. SFT pairs: each person's CV → a JD written for them
  const sftRng = root.fork('sft');
  const sftPairs: MarketSftPair[] = [];
  people.forEach((p, i) => {
    for (let k = 0; k < o.sftPerPerson; k++) {
      const r = sftRng.fork(`${i}:${k}`);
      const job = makeJob(r, `sft-${p.id}-${k}`, specFor(r, p));
      sftPairs.push({ cv: p.cv.text, jd: job.jd.text, source: 'synthetic', occupation: p.occupation, cvId: p.id, jdId: job.id, group: p.id });
    }
  });

  // 4. recruiter feedback
  const pairRng = root.fork('pairs');
  const kinds = dealKinds(pairRng.fork('kinds'), o.pairs, pairMix);
  const pairs: MarketPair[] = [];
  kinds.forEach((kind, i) => {
    const r = pairRng.fork(String(i));
    const person = r.pick(people);
    const jdId = `pair-${i}`;
    const spec = negativeOrPositive(r, kind, person);
    const job = makeJob(r, jdId, spec.spec);
    const truth: 0 | 1 = oracle.fitRecords(person.cv, job.jd).fits ? 1 : 0;
    const noisy = r.chance(o.labelNoise);
    const label: 0 | 1 = noisy ? ((1 - truth) as 0 | 1) : truth;
    pairs.push({ cv: person.cv.text, jd: job.jd.text, label, source: 'synthetic', kind: spec.kind, truth, noisy, occupation: person.occupation, cvId: person.id, jdId, group: person.id });
  });

  // 5. interaction logs
  const { interactions, coldStartPeople } = makeInteractions(root.fork('interactions'));

  const writeJd = (spec: JobSpec, seed = 0): JD => {
    if (!occById.has(spec.occupation)) throw new RangeError(`unknown occupation "${spec.occupation}"; use one of market.occupations[].id`);
    if (!SENIORITY_LEVELS.includes(spec.seniority)) throw new RangeError(`unknown seniority "${spec.seniority}"; use junior, mid, senior or lead`);
    return makeJob(createRng(`${o.seed}:writeJd:${seed}`), `custom-${seed}`, spec).jd;
  };

  return {
    ...oracle,
    seed: o.seed,
    options: { ...o, occupations, pairMix },
    people,
    jobs,
    pairs,
    sftPairs,
    interactions,
    coldStartPeople,
    coldStartJobs: (() => {
      const seen = new Set(interactions.map((x) => x.jobId));
      return jobs.filter((j) => !seen.has(j.id)).map((j) => j.id);
    })(),
    writeJd,
    jobSpecFor: (person, seed = 0) => specFor(createRng(`${o.seed}:specFor:${person.id}:${seed}`), person),
  };

  // ---- helpers (closures over options) ----

  function makePerson(r: Rng, id: string): Person {
    const x = occ(r.pick(occupations));
    const family = fam(x);
    const level = weighted(r, LEVEL_WEIGHTS);
    const [lo, hi] = SENIORITY_YEARS[level];
    const years = r.range(lo, hi);
    const k = Math.min(x.skills.length - 2, r.range(o.cvSkills[0], o.cvSkills[1]));
    const skills = [...r.sample(x.skills, Math.max(1, k)), ...r.sample(SOFT_SKILLS, r.range(1, 2))];
    const history = makeHistory(r, x, family, years);
    const name = writeName(r);
    const education = r.pick(family.degrees);
    const text = writeCvText(r, { occ: x, family, level, years, skills, history, education, name }, o.style);
    const cv: CV = { id, text, occupation: x.id, skills, seniority: level, years };
    return { id, occupation: x.id, seniority: level, years, skills, history, education, name, cv };
  }

  function makeHistory(r: Rng, x: OccupationSpec, family: FamilySpec, years: number): Role[] {
    const maxRoles = years >= 7 ? 3 : years >= 3 ? 2 : 1;
    const n = r.range(1, maxRoles);
    // split the years into n roles of at least 1 year, most recent first
    const cuts = r.sample(Array.from({ length: years - 1 }, (_, i) => i + 1), n - 1).sort((a, b) => a - b);
    const bounds = [0, ...cuts, years];
    const durations = bounds.slice(1).map((b, i) => b - (bounds[i] as number)).reverse();
    const siblings = OCCUPATIONS.filter((s) => s.family === family.id && s.id !== x.id);
    const roles: Role[] = [];
    let end = o.referenceYear;
    let yearsBefore = years;
    durations.forEach((d, i) => {
      const roleOcc = i === 0 || siblings.length === 0 || r.chance(0.6) ? x : r.pick(siblings);
      const levelThen = seniorityForYears(yearsBefore);
      const title = writeTitle(r, roleOcc, levelThen);
      const company = o.style === 'long' || r.chance(0.25) ? writeCompany(r) : undefined;
      roles.push({ occupation: roleOcc.id, title, startYear: end - d, endYear: end, ...(company !== undefined ? { company } : {}) });
      end -= d;
      yearsBefore -= d;
    });
    return roles;
  }

  function makeJob(r: Rng, id: string, spec: JobSpec): Job {
    const x = occ(spec.occupation);
    const minYears = SENIORITY_YEARS[spec.seniority][0];
    const company = writeCompany(r);
    const { text, title } = writeJdText(r, spec, x, fam(x), minYears, company, o.style);
    const jd: JD = { id, text, occupation: x.id, title, requiredSkills: spec.requiredSkills, seniority: spec.seniority, minYears };
    return { id, occupation: x.id, seniority: spec.seniority, minYears, requiredSkills: spec.requiredSkills, title, company, jd };
  }

  function specFor(r: Rng, p: Person): JobSpec {
    const k = r.range(o.requiredSkills[0], o.requiredSkills[1]);
    const own = occ(p.occupation).skills.filter((s) => p.skills.includes(s));
    const soft = p.skills.filter((s) => !own.includes(s));
    // mostly occupation skills; sometimes one of the person's soft skills
    const useSoft = soft.length > 0 && r.chance(0.25) ? 1 : 0;
    const required = [...r.sample(own, k - useSoft), ...r.sample(soft, useSoft)];
    return { occupation: p.occupation, seniority: p.seniority, requiredSkills: required };
  }

  function negativeOrPositive(r: Rng, kind: 'positive' | 'hard-negative' | 'random-negative', p: Person): { kind: PairKind; spec: JobSpec } {
    if (kind === 'positive') return { kind, spec: specFor(r, p) };
    if (kind === 'random-negative') {
      const others = occupations.filter((id) => id !== p.occupation);
      const x = occ(r.pick(others));
      const k = r.range(o.requiredSkills[0], o.requiredSkills[1]);
      return { kind, spec: { occupation: x.id, seniority: weighted(r, LEVEL_WEIGHTS), requiredSkills: r.sample(x.skills, k) } };
    }
    // hard negative: same occupation, but missing skills or the wrong seniority
    const base = specFor(r, p);
    const lacking = occ(p.occupation).skills.filter((s) => !p.skills.includes(s));
    const k = base.requiredSkills.length;
    const missing = k - Math.ceil(o.minSkillRecall * k) + 1; // enough to fall below minSkillRecall
    if (r.chance(0.5) && lacking.length >= missing && missing <= k) {
      const required = [...r.sample(base.requiredSkills, k - missing), ...r.sample(lacking, missing)];
      return { kind: 'hard-negative-skills', spec: { ...base, requiredSkills: r.shuffle(required) } };
    }
    const other = SENIORITY_LEVELS.filter((l) => l !== p.seniority);
    return { kind: 'hard-negative-seniority', spec: { ...base, seniority: r.pick(other) } };
  }

  function makeInteractions(r: Rng): { interactions: Interaction[]; coldStartPeople: string[] } {
    const out: Interaction[] = [];
    const cold: string[] = [];
    if (jobs.length === 0) return { interactions: out, coldStartPeople: people.map((p) => p.id) };
    const byOcc = new Map<string, Job[]>();
    for (const j of jobs) byOcc.set(j.occupation, [...(byOcc.get(j.occupation) ?? []), j]);
    const start = Date.UTC(o.referenceYear, 0, 1);
    const DAY = 86_400_000;
    people.forEach((p, i) => {
      const pr = r.fork(String(i));
      if (pr.chance(o.coldStartRate)) {
        cold.push(p.id);
        return;
      }
      const n = pr.range(o.viewsPerPerson[0], o.viewsPerPerson[1]);
      let t = start + pr.int(180) * DAY + pr.int(DAY);
      const seen = new Set<string>();
      const before = out.length;
      for (let v = 0; v < n; v++) {
        const same = byOcc.get(p.occupation);
        const job = same && pr.chance(0.6) ? pr.pick(same) : pr.pick(jobs);
        if (seen.has(job.id)) continue;
        seen.add(job.id);
        t += 1 + pr.int(3 * DAY);
        const push = (event: InteractionEvent): void => {
          out.push({ personId: p.id, jobId: job.id, event, timestamp: t });
          t += 1 + pr.int(DAY);
        };
        push('view');
        const fits = oracle.fitRecords(p.cv, job.jd).fits;
        if (!pr.chance(fits ? 0.6 : 0.1)) continue;
        push('apply');
        if (!pr.chance(fits ? 0.5 : 0.05)) continue;
        push('interview');
        if (pr.chance(fits ? 0.3 : 0.02)) push('hire');
      }
      if (out.length === before) cold.push(p.id); // every view was a repeat: no events
    });
    out.sort((a, b) => a.timestamp - b.timestamp || (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
    return { interactions: out, coldStartPeople: cold };
  }
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

function dealKinds(r: Rng, n: number, mix: { positive: number; hardNegative: number; randomNegative: number }): ('positive' | 'hard-negative' | 'random-negative')[] {
  const names = ['positive', 'hard-negative', 'random-negative'] as const;
  const shares = [mix.positive, mix.hardNegative, mix.randomNegative];
  const exact = shares.map((s) => s * n);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] as number) + 1;
    left--;
  }
  const out: ('positive' | 'hard-negative' | 'random-negative')[] = [];
  names.forEach((name, i) => {
    for (let k = 0; k < (counts[i] as number); k++) out.push(name);
  });
  return r.shuffle(out);
}
