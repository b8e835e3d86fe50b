/**
 * Generalised Advantage Estimation (Schulman et al. 2016) on host arrays.
 *
 * For one response of length T with per-token rewards r_t, values V_t and a 0/1 mask m_t of real tokens:
 * ```
 * δ_t = r_t + γ·V_{t+1}·m_{t+1} − V_t          (V_T = 0: the episode ends at the last real token)
 * A_t = δ_t + γ·λ·A_{t+1}·m_{t+1}
 * R_t = A_t + V_t                                (the value target, "returns")
 * ```
 * Positions with m_t = 0 (after EOS, padding) get A_t = R_t = 0 and never leak into real positions.
 */

/** What {@link gae} and {@link gaeBatch} return (same layout as the inputs). */
export interface GaeResult {
  /** Advantages A_t, 0 where the mask is 0. */
  advantages: Float32Array;
  /** Returns R_t = A_t + V_t (the value head's targets), 0 where the mask is 0. */
  returns: Float32Array;
}

function checkGaeArgs(gamma: number, lam: number): void {
  if (!(gamma >= 0 && gamma <= 1)) throw new RangeError(`gae: gamma must be in [0, 1], got ${gamma}.`);
  if (!(lam >= 0 && lam <= 1)) throw new RangeError(`gae: lambda must be in [0, 1], got ${lam}.`);
}

/**
 * GAE for one response (`[T]` arrays).
 *
 * @param rewards per-token rewards `[T]`
 * @param values value estimates `[T]` (V_t: the value of the state before token t)
 * @param mask 0/1 real-token mask `[T]`; default all ones
 * @example
 * ```ts
 * // γ = 1, λ = 1: advantages are reward-to-go minus the value
 * gae([0, 0, 1], [0.5, 0.5, 0.5], [1, 1, 1], 1, 1).advantages; // [0.5, 0.5, 0.5]
 * ```
 */
export function gae(
  rewards: ArrayLike<number>,
  values: ArrayLike<number>,
  mask: ArrayLike<number> | null,
  gamma: number,
  lam: number,
): GaeResult {
  checkGaeArgs(gamma, lam);
  const T = rewards.length;
  if (values.length !== T || (mask && mask.length !== T)) {
    throw new RangeError(`gae: rewards (${T}), values (${values.length}) and mask (${mask?.length ?? T}) must have the same length.`);
  }
  const advantages = new Float32Array(T);
  const returns = new Float32Array(T);
  let next = 0; // A_{t+1}
  let nextValue = 0; // V_{t+1}
  for (let t = T - 1; t >= 0; t--) {
    if (mask && !((mask[t] as number) > 0)) {
      next = 0;
      nextValue = 0;
      continue;
    }
    const v = values[t] as number;
    const delta = (rewards[t] as number) + gamma * nextValue - v;
    next = delta + gamma * lam * next;
    advantages[t] = next;
    returns[t] = next + v;
    nextValue = v;
  }
  return { advantages, returns };
}

/**
 * GAE for a batch: row-major `[B, T]` arrays, each row an independent response.
 *
 * @example
 * ```ts
 * const { advantages, returns } = gaeBatch(rewards, values, mask, B, T, 1, 0.95); // each [B·T]
 * ```
 */
export function gaeBatch(
  rewards: Float32Array,
  values: Float32Array,
  mask: ArrayLike<number>,
  B: number,
  T: number,
  gamma: number,
  lam: number,
): GaeResult {
  if (rewards.length !== B * T || values.length !== B * T || mask.length !== B * T) {
    throw new RangeError(`gaeBatch: rewards, values and mask must all have B·T = ${B}·${T} = ${B * T} entries, got ${rewards.length}, ${values.length}, ${mask.length}.`);
  }
  const advantages = new Float32Array(B * T);
  const returns = new Float32Array(B * T);
  for (let b = 0; b < B; b++) {
    const row = gae(rewards.subarray(b * T, (b + 1) * T), values.subarray(b * T, (b + 1) * T), Array.prototype.slice.call(mask, b * T, (b + 1) * T) as number[], gamma, lam);
    advantages.set(row.advantages, b * T);
    returns.set(row.returns, b * T);
  }
  return { advantages, returns };
}
