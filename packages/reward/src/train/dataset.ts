import { Rng } from '@girl/core';
/**
 * Training units from labelled rows: the rows themselves (pointwise) and (chosen, rejected) comparisons
 * within a group (pairwise), with hard negatives from the data and random negatives made by re-pairing.
 */

/** A labelled (CV, JD) pair; `group` ties pairs that are compared (RJDB: the JD; synthetic market: the person). */
export interface RewardExample {
  cv: string;
  jd: string;
  /** 1 = the recruiter said it fits, 0 = not. */
  label: number;
  group?: string | number | undefined;
}

/** What {@link buildTrainingSet} returns. */
export interface TrainingSet {
  /** Rows used: the data's (negatives only with `hardNegatives`) then the random negatives. */
  rows: { cv: string; jd: string; label: 0 | 1; group: string; random: boolean }[];
  /** `[chosen, rejected]` row indices, a positive and a negative of the same group. */
  comparisons: [number, number][];
  /** Pointwise weight per row (class balance, or all 1). */
  weights: number[];
  counts: { positives: number; hardNegatives: number; randomNegatives: number; comparisons: number };
}

/** Options of {@link buildTrainingSet} (the matching {@link RewardConfig} fields). */
export interface TrainingSetOptions {
  hardNegatives: boolean;
  randomNegativesPerPositive: number;
  randomNegativeSide: 'jd' | 'cv' | 'both';
  classBalance: boolean;
  seed: number;
}

/**
 * Builds rows, comparisons and weights, deterministically from the seed.
 *
 * @throws Error when there is no positive row, or no comparison can be formed (pairwise objectives need
 * a positive and a negative in the same group, or random negatives).
 * @example
 * ```ts
 * const set = buildTrainingSet(pairs, { hardNegatives: true, randomNegativesPerPositive: 1, randomNegativeSide: 'both', classBalance: true, seed: 1 });
 * set.comparisons.length; // positives × negatives within each group
 * ```
 */
export function buildTrainingSet(data: readonly RewardExample[], o: TrainingSetOptions): TrainingSet {
  const rows: TrainingSet['rows'] = [];
  data.forEach((r, i) => {
    if (typeof r.cv !== 'string' || typeof r.jd !== 'string') throw new TypeError(`buildTrainingSet: row ${i} has a ${typeof r.cv} CV / ${typeof r.jd} JD; expected strings.`);
    if (r.label !== 0 && r.label !== 1) throw new RangeError(`buildTrainingSet: row ${i} has label ${JSON.stringify(r.label)}; expected 0 or 1.`);
    if (r.label === 0 && !o.hardNegatives) return;
    rows.push({ cv: r.cv, jd: r.jd, label: r.label, group: r.group === undefined ? `#${i}` : String(r.group), random: false });
  });
  const positives = rows.filter((r) => r.label === 1);
  if (positives.length === 0) throw new Error('buildTrainingSet: no positive (label 1) rows; a reward model needs matches to learn from.');
  const hardNegatives = rows.length - positives.length;

  // random negatives: re-pair a positive with another group's CV or JD
  const rng = new Rng(o.seed).fork('random-negatives');
  let made = 0;
  if (o.randomNegativesPerPositive > 0 && new Set(positives.map((p) => p.group)).size > 1) {
    for (const p of positives) {
      for (let k = 0; k < o.randomNegativesPerPositive; k++) {
        const side = o.randomNegativeSide === 'both' ? (made % 2 === 0 ? 'jd' : 'cv') : o.randomNegativeSide;
        let q = rng.choice(positives);
        for (let tries = 0; tries < 20 && (q.group === p.group || q.cv === p.cv || q.jd === p.jd); tries++) q = rng.choice(positives);
        if (q.group === p.group) continue;
        rows.push({ cv: side === 'cv' ? q.cv : p.cv, jd: side === 'jd' ? q.jd : p.jd, label: 0, group: p.group, random: true });
        made++;
      }
    }
  }

  // comparisons: every positive × every negative of its group
  const byGroup = new Map<string, { pos: number[]; neg: number[] }>();
  rows.forEach((r, i) => {
    let g = byGroup.get(r.group);
    if (!g) byGroup.set(r.group, (g = { pos: [], neg: [] }));
    (r.label === 1 ? g.pos : g.neg).push(i);
  });
  const comparisons: [number, number][] = [];
  for (const { pos, neg } of byGroup.values()) for (const a of pos) for (const b of neg) comparisons.push([a, b]);

  const nPos = positives.length;
  const nNeg = rows.length - nPos;
  const weights = rows.map((r) => (!o.classBalance || nNeg === 0 ? 1 : rows.length / (2 * (r.label === 1 ? nPos : nNeg))));
  return { rows, comparisons, weights, counts: { positives: nPos, hardNegatives, randomNegatives: made, comparisons: comparisons.length } };
}
