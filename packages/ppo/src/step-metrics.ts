/**
 * Step 8 of a PPO step: the step's {@link PpoMetrics} from what the step computed — a pure function, so the
 * trainer's loop keeps to the algorithm and every metric's formula sits in one place.
 */
import type { PpoMetrics } from './metrics.js';

/** Sums of the minibatch updates' statistics (`n` updates applied or dropped for non-finite gradients). */
export interface UpdateStats {
  pg: number;
  vf: number;
  clip: number;
  vclip: number;
  kl: number;
  ent: number;
  ratio: number;
  norm: number;
  /** Updates whose statistics are summed. */
  n: number;
}

/** Empty {@link UpdateStats}. */
export function emptyUpdateStats(): UpdateStats {
  return { pg: 0, vf: 0, clip: 0, vclip: 0, kl: 0, ent: 0, ratio: 0, norm: 0, n: 0 };
}

/** What one step measured, as {@link stepMetrics} reads it. */
export interface StepMeasurements {
  /** 1-based step number. */
  step: number;
  /** Responses in the batch. */
  B: number;
  /** Response width of the padded batch. */
  R: number;
  /** `[B, R]` real response tokens. */
  mask: ArrayLike<number>;
  /** `[B, R]` policy log-probs of the sampled tokens (0 off the mask). */
  logprobs: Float32Array;
  /** `[B, R]` per-token KL estimates and `−β·kl` rewards. */
  kl: Float32Array;
  nonScoreReward: Float32Array;
  /** Processed and raw scores, one per response. */
  scores: readonly number[];
  rawScores: readonly number[];
  klCoef: number;
  stats: UpdateStats;
  earlyStopped: boolean;
  lr: number;
  /** Generated token ids per response and whether each ended with EOS. */
  tokens: readonly (readonly number[])[];
  finished: readonly boolean[];
  /** Wall-clock seconds of the whole step and of its rollout. */
  seconds: number;
  rolloutSeconds: number;
}

/**
 * The step's metrics (TRL names; see {@link PpoMetrics} for each one's meaning).
 *
 * @example
 * ```ts
 * const m = stepMetrics({ step: 1, B: 2, R: 1, mask: [1, 1], logprobs, kl, nonScoreReward, scores: [1, 0], rawScores: [1, 0], … });
 * m['objective/scores']; // 0.5
 * ```
 */
export function stepMetrics(x: StepMeasurements): PpoMetrics {
  const { B, R, stats } = x;
  const perRow = (a: Float32Array) => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i] as number;
    return s / B;
  };
  let negLogp = 0;
  for (let i = 0; i < B * R; i++) if ((x.mask[i] as number) > 0) negLogp -= x.logprobs[i] as number;
  const genTokens = x.tokens.reduce((n, t) => n + t.length, 0);
  const meanKl = perRow(x.kl);
  const meanNonScore = perRow(x.nonScoreReward);
  const meanScore = mean(x.scores);
  const avg = (v: number) => (stats.n > 0 ? v / stats.n : 0);
  return {
    step: x.step,
    episode: x.step * B,
    'objective/kl': meanKl,
    'objective/entropy': negLogp / B,
    'objective/scores': meanScore,
    'objective/raw_scores': mean(x.rawScores),
    'objective/non_score_reward': meanNonScore,
    'objective/rlhf_reward': meanScore + meanNonScore,
    'objective/kl_coef': x.klCoef,
    'policy/approxkl_avg': avg(stats.kl),
    'policy/clipfrac_avg': avg(stats.clip),
    'policy/entropy_avg': avg(stats.ent),
    'loss/policy_avg': avg(stats.pg),
    'loss/value_avg': avg(stats.vf),
    'val/clipfrac_avg': avg(stats.vclip),
    'val/ratio': avg(stats.ratio),
    'val/num_eos_tokens': x.finished.filter(Boolean).length,
    'val/response_length': genTokens / B,
    lr: x.lr,
    'ppo/updates': stats.n,
    'ppo/early_stopped': x.earlyStopped,
    'ppo/grad_norm': avg(stats.norm),
    eps: B / x.seconds,
    'time/tokens_per_s': genTokens / x.seconds,
    'time/rollout_tokens_per_s': genTokens / x.rolloutSeconds,
    'time/step_s': x.seconds,
  };
}

function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}
