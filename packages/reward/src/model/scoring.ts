/**
 * Text in, scores out: batched scoring with a report of empty, invalid, cut and non-finite rows, and the
 * queue behind `rewardFn` that scores the calls of one tick together.
 */
import { sigmoid } from '@girl/core';
import { tf } from '@girl/tensor';
import type { Tensor } from '@girl/tensor';
import type { RmBatch, RmExample } from './encode.js';
import { DEFAULT_EMPTY_SCORE } from './settings.js';
import type { RewardFn, RewardFnOptions, RewardModelSettings, ScoreOptions, ScoreReport, ScoreStats, ScoreWarning } from './settings.js';

/** What scoring needs of a reward model. */
export interface ScoringModel {
  readonly settings: RewardModelSettings;
  readonly stats: ScoreStats;
  encode(cv: unknown, jd: unknown): RmExample;
  collate(examples: readonly RmExample[]): RmBatch;
  logits(batch: RmBatch): Tensor;
}

/** Flags an empty or non-string pair; `undefined` when the pair is fine. */
function emptyWarning(i: number, cv: unknown, jd: unknown, e: RmExample): ScoreWarning | undefined {
  if (typeof cv !== 'string' || typeof jd !== 'string') {
    return { index: i, kind: 'not-a-string', message: `row ${i}: the CV or JD is ${typeof cv !== 'string' ? typeof cv : typeof jd}, not a string; scored as empty text.` };
  }
  if (e.emptyCv) return { index: i, kind: 'empty-cv', message: `row ${i}: the CV is empty.` };
  if (e.emptyJd) return { index: i, kind: 'empty-jd', message: `row ${i}: the JD is empty.` };
  return undefined;
}

/**
 * Scores pairs in length-sorted batches. Never throws on text content; throws only when `cvs` and `jds`
 * differ in length or `batchSize` is not a positive integer. Updates `model.stats`.
 */
export async function scorePairs(model: ScoringModel, cvs: readonly unknown[], jds: readonly unknown[], options: ScoreOptions = {}): Promise<ScoreReport> {
  if (cvs.length !== jds.length) throw new RangeError(`RewardModel.score: ${cvs.length} CVs but ${jds.length} JDs; pass one JD per CV.`);
  const batchSize = options.batchSize ?? 32;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`RewardModel.score: batchSize must be a positive integer, got ${batchSize}.`);
  const n = cvs.length;
  const warnings: ScoreWarning[] = [];
  const examples = cvs.map((cv, i) => model.encode(cv, jds[i]));
  const scores = new Array<number>(n).fill(NaN);
  const fixed = model.settings.emptyScore;
  const toRun: number[] = [];
  // 1. empty and invalid rows: flagged, and given the fixed score unless the model should score them
  examples.forEach((e, i) => {
    const warning = emptyWarning(i, cvs[i], jds[i], e);
    if (warning) {
      warnings.push(warning);
      model.stats.empty++;
    }
    if (warning && fixed !== 'model') scores[i] = fixed;
    else toRun.push(i);
  });
  // 2. length-sorted batches: little padding, same results as any other grouping
  toRun.sort((a, b) => (examples[a] as RmExample).ids.length - (examples[b] as RmExample).ids.length);
  for (let s = 0; s < toRun.length; s += batchSize) {
    const rows = toRun.slice(s, s + batchSize);
    const batch = model.collate(rows.map((i) => examples[i] as RmExample));
    const out = tf.tidy(() => model.logits(batch));
    const values = await out.data();
    out.dispose();
    rows.forEach((i, k) => {
      scores[i] = values[k] as number;
    });
    if (s + batchSize < toRun.length) await new Promise((r) => setImmediate(r)); // let other work (PPO's event loop) run
  }
  // 3. non-finite scores are replaced and reported, never passed on
  const emptyFallback = fixed === 'model' ? DEFAULT_EMPTY_SCORE : fixed;
  scores.forEach((v, i) => {
    if (!Number.isFinite(v)) {
      warnings.push({ index: i, kind: 'non-finite', message: `row ${i}: the model gave ${v}; replaced by ${emptyFallback}. Check the weights (a diverged checkpoint?).` });
      scores[i] = emptyFallback;
      model.stats.nonFinite++;
    }
  });
  // 4. counters
  const truncatedCv = examples.filter((e) => e.cvTruncated > 0).length;
  const truncatedJd = examples.filter((e) => e.jdTruncated > 0).length;
  model.stats.scored += n;
  model.stats.truncatedCv += truncatedCv;
  model.stats.truncatedJd += truncatedJd;
  warnings.sort((a, b) => a.index - b.index);
  return { scores, probabilities: scores.map(sigmoid), warnings, truncatedCv, truncatedJd };
}

/**
 * A reward function whose calls made in the same tick (e.g. `Promise.all` over a rollout batch) are
 * scored together, in batches of `batchSize`.
 */
export function batchedRewardFn(model: ScoringModel, options: RewardFnOptions = {}): RewardFn {
  let queue: { cv: string; jd: string; resolve: (v: number) => void; reject: (e: unknown) => void }[] = [];
  const flush = async () => {
    const items = queue;
    queue = [];
    try {
      const report = await scorePairs(
        model,
        items.map((q) => q.cv),
        items.map((q) => q.jd),
        options,
      );
      if (report.warnings.length > 0) options.onWarnings?.(report.warnings);
      const out = options.output === 'probability' ? report.probabilities : report.scores;
      items.forEach((q, i) => q.resolve(out[i] as number));
    } catch (e) {
      items.forEach((q) => q.reject(e));
    }
  };
  return (cv: string, jd: string) =>
    new Promise<number>((resolve, reject) => {
      queue.push({ cv, jd, resolve, reject });
      if (queue.length === 1) setImmediate(() => void flush());
    });
}
