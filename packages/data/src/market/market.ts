import { createRng } from '../rng.js';
import type { Rng } from '../rng.js';
import { SENIORITY_LEVELS } from '../types.js';
import type { CV, Interaction, JD, Seniority } from '../types.js';
import { dealKinds, feedbackSpec } from './feedback.js';
import type { FeedbackContext, MarketPair, MarketSftPair } from './feedback.js';
import { simulateInteractions } from './interactions.js';
import { resolveMarketOptions } from './options.js';
import type { JobMarketOptions, ResolvedMarketOptions } from './options.js';
import { createFitOracle, seniorityForYears } from './oracle.js';
import type { FitOracle } from './oracle.js';
import type { Job, JobSpec, Person, Role } from './profiles.js';
import { writeCompany, writeCvText, writeJdText, writeName, writeTitle } from './templates.js';
import { FAMILIES, OCCUPATIONS, SENIORITY_YEARS, SOFT_SKILLS } from './vocabulary.js';
import type { FamilySpec, OccupationSpec } from './vocabulary.js';

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
  readonly options: ResolvedMarketOptions;
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
  const o = resolveMarketOptions(options);
  const { occupations, pairMix } = o;
  const occById = new Map(OCCUPATIONS.map((x) => [x.id, x]));
  const famById = new Map(FAMILIES.map((f) => [f.id, f]));
  const occ = (id: string): OccupationSpec => occById.get(id) as OccupationSpec;
  const fam = (x: OccupationSpec): FamilySpec => famById.get(x.family) as FamilySpec;
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
  const feedback: FeedbackContext = { occupations, occ, requiredSkills: o.requiredSkills, minSkillRecall: o.minSkillRecall, specFor, randomLevel: (r) => weighted(r, LEVEL_WEIGHTS) };
  const pairRng = root.fork('pairs');
  const kinds = dealKinds(pairRng.fork('kinds'), o.pairs, pairMix);
  const pairs: MarketPair[] = [];
  kinds.forEach((kind, i) => {
    const r = pairRng.fork(String(i));
    const person = r.pick(people);
    const jdId = `pair-${i}`;
    const spec = feedbackSpec(r, kind, person, feedback);
    const job = makeJob(r, jdId, spec.spec);
    const truth: 0 | 1 = oracle.fitRecords(person.cv, job.jd).fits ? 1 : 0;
    const noisy = r.chance(o.labelNoise);
    const label: 0 | 1 = noisy ? ((1 - truth) as 0 | 1) : truth;
    pairs.push({ cv: person.cv.text, jd: job.jd.text, label, source: 'synthetic', kind: spec.kind, truth, noisy, occupation: person.occupation, cvId: person.id, jdId, group: person.id });
  });

  // 5. interaction logs
  const { interactions, coldStartPeople, coldStartJobs } = simulateInteractions(root.fork('interactions'), people, jobs, (p, j) => oracle.fitRecords(p.cv, j.jd).fits, o);

  const writeJd = (spec: JobSpec, seed = 0): JD => {
    if (!occById.has(spec.occupation)) throw new RangeError(`unknown occupation "${spec.occupation}"; use one of market.occupations[].id`);
    if (!SENIORITY_LEVELS.includes(spec.seniority)) throw new RangeError(`unknown seniority "${spec.seniority}"; use junior, mid, senior or lead`);
    return makeJob(createRng(`${o.seed}:writeJd:${seed}`), `custom-${seed}`, spec).jd;
  };

  return {
    ...oracle,
    seed: o.seed,
    options: o,
    people,
    jobs,
    pairs,
    sftPairs,
    interactions,
    coldStartPeople,
    coldStartJobs,
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
}
