/**
 * REINFORCE leave-one-out advantages (Kool et al. 2019; Ahmadian et al. 2024, "Back to Basics"; TRL's
 * RLOOTrainer): each prompt is answered `k` times, every response's return is its summed per-token reward
 * (the score at its end, −β·kl along the way), and its baseline is the mean return of the prompt's OTHER
 * k − 1 responses. The baseline needs no value head and removes what the prompt alone decides — on the job
 * market, most of a score's spread is the CV, not the JD — so every advantage says "better or worse than
 * this CV's other JDs".
 *
 * Layout: rows `[B, R]` row-major with a 0/1 mask of real response tokens; rows `g·k … g·k + k − 1` answer
 * the same prompt (the trainer's rollout order).
 */

/**
 * Leave-one-out advantages, `[B, R]`: row i's return minus the mean return of the other rows of its group,
 * on every real token of row i; 0 where the mask is 0.
 *
 * @param rewards per-token rewards `[B, R]` (score at the last real token, −β·kl per token)
 * @param mask `[B, R]` 1 on real response tokens
 * @param k responses per prompt (≥ 2; must divide B)
 * @example
 * ```ts
 * // two prompts × two responses, one token each: returns 1, 3 | 0, 0
 * rlooAdvantages(Float32Array.of(1, 3, 0, 0), Float32Array.of(1, 1, 1, 1), 4, 1, 2); // [-2, 2, 0, 0]
 * ```
 */
export function rlooAdvantages(rewards: Float32Array, mask: Float32Array, B: number, R: number, k: number): Float32Array {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`rlooAdvantages: k (responses per prompt) must be an integer >= 2, got ${k}.`);
  if (B % k !== 0) throw new RangeError(`rlooAdvantages: k = ${k} must divide the batch (${B} rows).`);
  if (rewards.length !== B * R || mask.length !== B * R) throw new RangeError(`rlooAdvantages: rewards and mask must have B·R = ${B * R} entries.`);
  // 1. each row's return: the sum of its real tokens' rewards
  const returns = rowReturns(rewards, mask, B, R);
  // 2. leave-one-out baseline per group
  const adv = new Float64Array(B);
  for (let g = 0; g < B; g += k) {
    let groupSum = 0;
    for (let i = g; i < g + k; i++) groupSum += returns[i] as number;
    for (let i = g; i < g + k; i++) adv[i] = (returns[i] as number) - (groupSum - (returns[i] as number)) / (k - 1);
  }
  // 3. each row's advantage on its real tokens
  return spreadOverRows(adv, mask, B, R);
}

/**
 * Advantages against a per-prompt baseline (ReMax: the greedy response's score): each row's summed reward
 * minus `baselines[⌊row / k⌋]`, spread over the row's real tokens.
 *
 * @example
 * ```ts
 * baselineAdvantages(Float32Array.of(0, 1, 0, 3), Float32Array.of(1, 1, 1, 1), 2, 2, [2], 2); // [-1, -1, 1, 1]
 * ```
 */
export function baselineAdvantages(rewards: Float32Array, mask: Float32Array, B: number, R: number, baselines: readonly number[], k: number): Float32Array {
  if (B % k !== 0 || baselines.length !== B / k) throw new RangeError(`baselineAdvantages: need one baseline per ${k} rows (${B / k}), got ${baselines.length}.`);
  const returns = rowReturns(rewards, mask, B, R);
  return spreadOverRows(returns.map((r, b) => r - (baselines[Math.floor(b / k)] as number)), mask, B, R);
}

/** Each row's return `[B]`: the sum of its real tokens' rewards. */
function rowReturns(rewards: Float32Array, mask: Float32Array, B: number, R: number): Float64Array {
  const out = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    let s = 0;
    for (let t = 0; t < R; t++) if ((mask[b * R + t] as number) > 0) s += rewards[b * R + t] as number;
    out[b] = s;
  }
  return out;
}

/** `[B, R]`: each row's value on its real tokens, 0 elsewhere. */
function spreadOverRows(perRow: Float64Array, mask: Float32Array, B: number, R: number): Float32Array {
  const out = new Float32Array(B * R);
  for (let b = 0; b < B; b++) for (let t = 0; t < R; t++) if ((mask[b * R + t] as number) > 0) out[b * R + t] = perRow[b] as number;
  return out;
}
