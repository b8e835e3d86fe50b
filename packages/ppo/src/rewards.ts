/**
 * From raw scores to per-token rewards: the score pipeline (missing-EOS penalty → optional running
 * normalisation → clipping) and the per-token assembly of the KL-penalised reward.
 */
import { klPerToken } from './kl.js';
import type { KlEstimator } from './kl.js';
import { lastRealIndex } from './sequences.js';
import type { RunningMoments } from './running-moments.js';

/** Options of {@link processScores}. */
export interface ScoreOptions {
  /** Subtracted from the score of every response that did not end with EOS. `null`: off. */
  missingEosPenalty: number | null;
  /** Scale scores by the running std (and shift by the running mean with `scoreNorm`). */
  scoreScaling: boolean;
  /** With `scoreScaling`: also subtract the running mean. */
  scoreNorm: boolean;
  /** Clip the (processed) scores to [−rewardClip, rewardClip]. `null`: off. */
  rewardClip: number | null;
}

/**
 * Throws, naming the sample, unless every score is a finite number (a reward function's output is user code).
 *
 * @example
 * ```ts
 * assertFiniteScores([0.3, NaN], (i) => `sample ${i} of step 4`); // throws: … returned NaN for sample 1 of step 4 …
 * ```
 */
export function assertFiniteScores(scores: readonly unknown[], which: (i: number) => string): void {
  scores.forEach((s, i) => {
    if (typeof s !== 'number' || !Number.isFinite(s)) throw new Error(`PpoTrainer: the reward function returned ${String(s)} for ${which(i)}; it must return a finite number.`);
  });
}

/**
 * Applies the score pipeline, in order: penalty for responses without EOS → running normalisation
 * (updates `moments` with the penalised scores) → clipping.
 *
 * @param scores raw reward-function outputs `[B]`
 * @param finished whether each response ended with EOS `[B]`
 * @example
 * ```ts
 * processScores([1, 2], [true, false], { missingEosPenalty: 1, scoreScaling: false, scoreNorm: false, rewardClip: null });
 * // [1, 1]
 * ```
 */
export function processScores(scores: readonly number[], finished: readonly boolean[], options: ScoreOptions, moments?: RunningMoments): number[] {
  if (finished.length !== scores.length) throw new RangeError(`processScores: ${scores.length} scores but ${finished.length} finished flags.`);
  let out = scores.map((s, i) => (options.missingEosPenalty !== null && !finished[i] ? s - options.missingEosPenalty : s));
  if (options.scoreScaling) {
    if (!moments) throw new Error('processScores: scoreScaling needs a RunningMoments.');
    moments.update(out);
    const scale = moments.std + 1e-8;
    out = out.map((s) => (options.scoreNorm ? (s - moments.mean) / scale : s / scale));
  }
  const c = options.rewardClip;
  if (c !== null) out = out.map((s) => Math.min(c, Math.max(-c, s)));
  return out;
}

/** What {@link assembleRewards} returns; every array is `[B, R]` row-major, 0 where the mask is 0. */
export interface AssembledRewards {
  /** Per-token rewards: −β·kl_t, plus the score at each row's last real token. */
  rewards: Float32Array;
  /** Per-token KL estimate (the chosen estimator). */
  kl: Float32Array;
  /** Per-token KL penalty −β·kl_t ("non-score reward"). */
  nonScoreReward: Float32Array;
}

/**
 * Per-token rewards r_t = −β·kl_t, with each row's score added at its last real token (the EOS, or the
 * last token when the response hit `maxNewTokens`).
 *
 * @example
 * ```ts
 * assembleRewards({ scores: [1], logprobs: [-1, -1], refLogprobs: [-1.5, -1], mask: [1, 1], B: 1, R: 2, klCoef: 0.1, estimator: 'k1' }).rewards;
 * // [-0.05, 1]
 * ```
 */
export function assembleRewards(args: {
  scores: readonly number[];
  logprobs: ArrayLike<number>;
  refLogprobs: ArrayLike<number>;
  mask: ArrayLike<number>;
  B: number;
  R: number;
  klCoef: number;
  estimator: KlEstimator;
}): AssembledRewards {
  const { scores, mask, B, R, klCoef } = args;
  if (scores.length !== B) throw new RangeError(`assembleRewards: ${scores.length} scores for ${B} rows.`);
  const kl = klPerToken(args.logprobs, args.refLogprobs, mask, args.estimator);
  const nonScoreReward = new Float32Array(B * R);
  for (let i = 0; i < B * R; i++) nonScoreReward[i] = (mask[i] as number) > 0 ? -klCoef * (kl[i] as number) : 0;
  const rewards = Float32Array.from(nonScoreReward);
  const last = lastRealIndex(mask, B, R);
  for (let b = 0; b < B; b++) {
    const t = last[b] as number;
    if (t < 0) throw new RangeError(`assembleRewards: row ${b} has no real response token; responses need at least one token.`);
    rewards[b * R + t] = (rewards[b * R + t] as number) + (scores[b] as number);
  }
  return { rewards, kl, nonScoreReward };
}
