/**
 * Per-token KL estimators between the policy π and the reference π_ref, from the log-probs of the
 * tokens the policy sampled (Schulman, "Approximating KL Divergence", 2020; TRL's `kl_estimator`):
 *
 * - `k1` = log π(y) − log π_ref(y): unbiased for KL(π‖π_ref), but a single token's value can be negative.
 * - `k3` = (r − 1) − log r with r = π_ref(y) / π(y): unbiased too, never negative, lower variance.
 *
 * Both are exactly 0 where the two log-probs are equal.
 */

/** Which per-token estimator the KL penalty uses. */
export type KlEstimator = 'k1' | 'k3';

/**
 * k1 = logp − refLogp.
 *
 * @example
 * ```ts
 * klK1(Math.log(0.5), Math.log(0.25)); // log 2 ≈ 0.6931
 * ```
 */
export function klK1(logp: number, refLogp: number): number {
  return logp - refLogp;
}

/**
 * k3 = (r − 1) − log r with r = exp(refLogp − logp); ≥ 0.
 *
 * @example
 * ```ts
 * klK3(Math.log(0.5), Math.log(0.25)); // (0.5 − 1) − log 0.5 ≈ 0.1931
 * ```
 */
export function klK3(logp: number, refLogp: number): number {
  const logr = refLogp - logp;
  return Math.expm1(logr) - logr;
}

/**
 * The chosen estimator over whole arrays, 0 where `mask` is 0.
 *
 * @example
 * ```ts
 * klPerToken(logprobs, refLogprobs, mask, 'k3'); // Float32Array [B·T]
 * ```
 */
export function klPerToken(
  logp: ArrayLike<number>,
  refLogp: ArrayLike<number>,
  mask: ArrayLike<number> | null,
  estimator: KlEstimator,
): Float32Array {
  if (estimator !== 'k1' && estimator !== 'k3') throw new RangeError(`klPerToken: estimator must be 'k1' or 'k3', got ${JSON.stringify(estimator)}.`);
  if (refLogp.length !== logp.length || (mask && mask.length !== logp.length)) {
    throw new RangeError(`klPerToken: logp (${logp.length}), refLogp (${refLogp.length}) and mask (${mask?.length}) must have the same length.`);
  }
  const f = estimator === 'k1' ? klK1 : klK3;
  const out = new Float32Array(logp.length);
  for (let i = 0; i < logp.length; i++) {
    if (mask && !((mask[i] as number) > 0)) continue;
    out[i] = f(logp[i] as number, refLogp[i] as number);
  }
  return out;
}
