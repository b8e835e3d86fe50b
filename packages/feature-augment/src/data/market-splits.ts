import { createRng } from '@girl/core';
import type { JobMarket } from '@girl/data';
import type { CandidatePair } from '../features/feature-extractor.js';

/** Labelled (CV, candidate JD) pairs. */
export interface LabelledSet {
  readonly pairs: readonly CandidatePair[];
  /** 0/1 per pair. */
  readonly labels: readonly number[];
}

/** Train / held-out / cold-start data for one seed. */
export interface AugmentationSplits {
  readonly train: LabelledSet;
  /** Pairs of people who also have pairs in `train` (warm users), never seen in training. */
  readonly heldOut: LabelledSet;
  /** Pairs of people with no pair and no interaction in training (cold-start users). */
  readonly coldStart: LabelledSet;
  /**
   * Per CV id, JDs of jobs the person applied to in the interaction log (never the candidate pairs'
   * own JDs, which would leak their labels into training); cold-start people have none.
   */
  readonly history?: ReadonlyMap<string, readonly string[]>;
}

/** Options of {@link marketSplits}. */
export interface MarketSplitOptions {
  /** Split seed (which people are cold, which pairs are held out), default `1`. */
  seed?: number;
  /** Share of people made cold-start (the market's own cold-start people first), default `0.2`. */
  coldStartShare?: number;
  /** Share of each warm person's pairs held out (each warm person keeps at least one in training), default `0.3`. */
  heldOutShare?: number;
}

/**
 * Person–job fit splits of a synthetic market: the recruiter-feedback pairs (`market.pairs`, label =
 * the recruiter's possibly noisy verdict) of a share of people are the cold-start split; every other
 * person's pairs are dealt into train and held-out. History comes from training positives and the
 * interaction log (jobs applied to) of warm people only.
 *
 * @example
 * ```ts
 * const market = createJobMarket({ seed: 2, people: 500, pairs: 3000 });
 * const s = marketSplits(market, { seed: 1 });
 * s.train.pairs.length; s.heldOut.pairs.length; s.coldStart.pairs.length;
 * ```
 */
export function marketSplits(market: JobMarket, options: MarketSplitOptions = {}): AugmentationSplits {
  const seed = options.seed ?? 1;
  const coldShare = options.coldStartShare ?? 0.2;
  const heldShare = options.heldOutShare ?? 0.3;
  if (!(coldShare >= 0 && coldShare < 1) || !(heldShare > 0 && heldShare < 1)) throw new RangeError(`marketSplits: coldStartShare must be in [0, 1) and heldOutShare in (0, 1), got ${coldShare} and ${heldShare}.`);
  const rng = createRng(`feature-augment:splits:${seed}`);
  const byPerson = new Map<string, number[]>();
  market.pairs.forEach((p, i) => {
    const id = p.cvId ?? p.cv;
    byPerson.set(id, [...(byPerson.get(id) ?? []), i]);
  });
  const people = [...byPerson.keys()];
  const nCold = Math.round(people.length * coldShare);
  const marketCold = new Set(market.coldStartPeople);
  const coldFirst = [...rng.shuffle(people.filter((p) => marketCold.has(p))), ...rng.shuffle(people.filter((p) => !marketCold.has(p)))];
  const cold = new Set(coldFirst.slice(0, nCold));
  const train: number[] = [];
  const held: number[] = [];
  const coldIdx: number[] = [];
  for (const [person, idx] of byPerson) {
    if (cold.has(person)) {
      coldIdx.push(...idx);
      continue;
    }
    const shuffled = rng.shuffle([...idx]);
    const nHeld = Math.min(shuffled.length - 1, Math.round(shuffled.length * heldShare));
    held.push(...shuffled.slice(0, nHeld));
    train.push(...shuffled.slice(nHeld));
  }
  const set = (idx: number[]): LabelledSet => {
    idx.sort((a, b) => a - b);
    return {
      pairs: idx.map((i) => {
        const p = market.pairs[i] as (typeof market.pairs)[number];
        return { cvId: p.cvId ?? p.cv, cv: p.cv, jdId: p.jdId ?? `pair-${i}`, jd: p.jd };
      }),
      labels: idx.map((i) => (market.pairs[i] as (typeof market.pairs)[number]).label),
    };
  };
  const history = new Map<string, string[]>();
  const add = (person: string, jd: string) => history.set(person, [...(history.get(person) ?? []), jd]);
  const jobText = new Map(market.jobs.map((j) => [j.id, j.jd.text]));
  const applied = new Set<string>();
  for (const x of market.interactions) {
    if (x.event !== 'apply' || cold.has(x.personId) || applied.has(`${x.personId}\u0000${x.jobId}`)) continue;
    applied.add(`${x.personId}\u0000${x.jobId}`);
    const t = jobText.get(x.jobId);
    if (t !== undefined) add(x.personId, t);
  }
  return { train: set(train), heldOut: set(held), coldStart: set(coldIdx), history };
}
