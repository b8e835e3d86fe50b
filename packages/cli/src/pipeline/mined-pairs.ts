/**
 * Hard-negative mining for the reward stage on the synthetic market: the training people's pairs drawn
 * again with a hard-negative-heavy mix (@girl/reward's README: the run that reached AUC 0.986). Same seed,
 * so the people and their groups are the market's own; the held-out people stay out.
 */
import { createJobMarket } from '@girl/data';
import type { GirlConfig } from '../config.js';
import type { LabelledExample, PipelineData } from '../data-input.js';

/**
 * The reward model's training rows: the mined pairs when `reward.minedMix` is set and the data is the
 * synthetic market, else `data.pairsTrain`.
 *
 * @example
 * ```ts
 * const rows = rewardTrainingPairs(config, data); // 35 / 55 / 10 positives / hard / random in the tiny preset
 * ```
 */
export function rewardTrainingPairs(config: GirlConfig, data: PipelineData): LabelledExample[] {
  const mix = config.reward.minedMix;
  if (mix === null || config.data.train !== null) return data.pairsTrain;
  // 1. the held-out people (groups) of this run, from both evaluation sets
  const held = new Set([...data.pairsEval, ...data.sftEval].map((p) => p.group));
  // 2. the same market (same seed, people, size) with the mined mix; the pair stream is the only difference
  const market = createJobMarket({ seed: config.seed, people: config.data.people, pairs: config.data.pairs, pairMix: mix });
  // 3. training people only
  const rows = market.pairs.map((p) => ({ cv: p.cv, jd: p.jd, label: p.label, group: String(p.group) })).filter((p) => !held.has(p.group));
  return config.data.maxTrain === null ? rows : rows.slice(0, config.data.maxTrain);
}

/**
 * The evaluation rows relabelled with the oracle's truth (does the CV fit the JD?) instead of the
 * recruiters' noisy labels: what "AUC on the market" means in @girl/reward's README.
 */
export function truthLabelled(data: PipelineData): LabelledExample[] | null {
  const oracle = data.oracle;
  if (!oracle) return null;
  return data.pairsEval.map((p) => ({ ...p, label: oracle.fit(p.cv, p.jd).fits ? 1 : 0 }));
}
