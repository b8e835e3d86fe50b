import type { Rng } from '../rng.js';
import { SENIORITY_LEVELS } from '../types.js';
import type { LabelledPair, SftPair } from '../types.js';
import type { PairMix } from './options.js';
import type { JobSpec, Person } from './profiles.js';
import type { OccupationSpec } from './vocabulary.js';

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

/** The kind a pair is dealt before its JD is written (hard negatives pick their flavour later). */
export type DealtKind = 'positive' | 'hard-negative' | 'random-negative';

/** What {@link feedbackSpec} needs to know about the market. @internal */
export interface FeedbackContext {
  readonly occupations: readonly string[];
  readonly occ: (id: string) => OccupationSpec;
  readonly requiredSkills: readonly [number, number];
  readonly minSkillRecall: number;
  /** The spec of a JD that suits the person. */
  readonly specFor: (r: Rng, p: Person) => JobSpec;
  /** A random seniority level (market weights). */
  readonly randomLevel: (r: Rng) => JobSpec['seniority'];
}

/**
 * The JD spec for one feedback pair of a dealt kind: a positive suits the person; a hard negative
 * keeps the occupation but asks for skills the person lacks (enough to fall below minSkillRecall) or
 * another seniority level; a random negative is another occupation.
 * @internal
 */
export function feedbackSpec(r: Rng, kind: DealtKind, p: Person, ctx: FeedbackContext): { kind: PairKind; spec: JobSpec } {
  if (kind === 'positive') return { kind, spec: ctx.specFor(r, p) };
  if (kind === 'random-negative') {
    const others = ctx.occupations.filter((id) => id !== p.occupation);
    const x = ctx.occ(r.pick(others));
    const k = r.range(ctx.requiredSkills[0], ctx.requiredSkills[1]);
    return { kind, spec: { occupation: x.id, seniority: ctx.randomLevel(r), requiredSkills: r.sample(x.skills, k) } };
  }
  const base = ctx.specFor(r, p);
  const lacking = ctx.occ(p.occupation).skills.filter((s) => !p.skills.includes(s));
  const k = base.requiredSkills.length;
  const missing = k - Math.ceil(ctx.minSkillRecall * k) + 1; // enough to fall below minSkillRecall
  if (r.chance(0.5) && lacking.length >= missing && missing <= k) {
    const required = [...r.sample(base.requiredSkills, k - missing), ...r.sample(lacking, missing)];
    return { kind: 'hard-negative-skills', spec: { ...base, requiredSkills: r.shuffle(required) } };
  }
  const other = SENIORITY_LEVELS.filter((l) => l !== p.seniority);
  return { kind: 'hard-negative-seniority', spec: { ...base, seniority: r.pick(other) } };
}

/**
 * Deal n pair kinds with exact counts for the mix (largest remainder), in seeded random order.
 * @internal
 */
export function dealKinds(r: Rng, n: number, mix: PairMix): DealtKind[] {
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
  const out: DealtKind[] = [];
  names.forEach((name, i) => {
    for (let k = 0; k < (counts[i] as number); k++) out.push(name);
  });
  return r.shuffle(out);
}
