/**
 * The per-run figures `npm run eval:seeds` collects (one object per seed): reward model vs TF-IDF, PPO's
 * effect on held-out CVs (oracle fit, RM score, KL, JD quality) and the augmentation AUCs. Built from the
 * run's summary, written into `summary.json` (`figures`) and shown in `report.html`.
 */
import type { JdQuality } from './jd-quality.js';
import type { RunSummary } from './summary.js';

/** One run's figures (null where a stage did not run or the data has no oracle). */
export interface RunFigures {
  seed: number | null;
  /** Reward-model AUC on the held-out pairs: against the oracle's truth on the synthetic market, against the data's labels otherwise. */
  rmAuc: number | null;
  /** TF-IDF cosine's AUC on the same rows and labels. */
  tfidfAuc: number | null;
  /** Which labels the two AUCs use. */
  aucLabels: 'oracle truth' | 'data labels';
  /** Mean oracle fit score of the greedy JDs for the held-out CVs, SFT model (before) and PPO policy (after). */
  oracleFitBefore: number | null;
  oracleFitAfter: number | null;
  /** Mean reward-model logit of the same JDs. */
  rmScoreBefore: number | null;
  rmScoreAfter: number | null;
  /** KL to the SFT model, nats per JD (PPO rollouts of the last steps). */
  klPerJd: number | null;
  heldOutCvs: number | null;
  quality: { before: JdQuality | null; after: JdQuality | null };
  augment: { coldBase: number | null; coldAugmented: number | null; warmBase: number | null; warmAugmented: number | null };
}

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/**
 * The figures of a run from its summary and config.
 *
 * @example
 * ```ts
 * const f = runFigures(summary, config); // f.oracleFitAfter - f.oracleFitBefore: PPO's gain
 * ```
 */
export function runFigures(s: RunSummary, config: unknown): RunFigures {
  const r = s.reward ?? {};
  const p = s.ppo ?? {};
  const a = s.augment ?? {};
  const truth = num(r.aucTruth) !== null;
  const q = (p.quality ?? null) as { before: JdQuality | null; after: JdQuality | null } | null;
  const seed = config && typeof config === 'object' ? num((config as { seed?: unknown }).seed) : null;
  return {
    seed,
    rmAuc: truth ? num(r.aucTruth) : num(r.auc),
    tfidfAuc: truth ? num(r.tfidfAucTruth) : num(r.tfidfAuc),
    aucLabels: truth ? 'oracle truth' : 'data labels',
    oracleFitBefore: num(p.oracleFitBefore),
    oracleFitAfter: num(p.oracleFitAfter),
    rmScoreBefore: num(p.scoreBefore),
    rmScoreAfter: num(p.scoreAfter),
    klPerJd: num(p.kl),
    heldOutCvs: num(p.heldOutCvs),
    quality: { before: q?.before ?? null, after: q?.after ?? null },
    augment: { coldBase: num(a.aucBase), coldAugmented: num(a.aucAugmented), warmBase: num(a.aucBaseWarm), warmAugmented: num(a.aucAugmentedWarm) },
  };
}

/** Quality measures where lower is better; every other one is better higher. */
export const LOWER_IS_BETTER: ReadonlySet<keyof JdQuality> = new Set(['repeatedLineRate']);

/** The quality measures that got worse from `before` to `after` (beyond `tolerance`). */
export function worseQuality(before: JdQuality | null, after: JdQuality | null, tolerance = 0): (keyof JdQuality)[] {
  if (!before || !after) return [];
  return (Object.keys(before) as (keyof JdQuality)[]).filter((k) => {
    const b = before[k];
    const x = after[k];
    if (b === null || x === null) return false;
    return LOWER_IS_BETTER.has(k) ? x > b + tolerance : x < b - tolerance;
  });
}
