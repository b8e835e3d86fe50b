/** Position ids of left-padded batches, shared by the GPT and Llama forward passes. */

/**
 * Position ids `[B·T]` from a 0/1 mask: each row counts its real tokens from 0 (left padding gets 0).
 *
 * @example
 * ```ts
 * positionsFromMask([0, 0, 1, 1], 1, 4); // Int32Array [0, 0, 0, 1]
 * ```
 */
export function positionsFromMask(mask: ArrayLike<number>, b: number, t: number): Int32Array {
  const out = new Int32Array(b * t);
  for (let r = 0; r < b; r++) {
    let seen = 0;
    for (let i = 0; i < t; i++) {
      const real = (mask[r * t + i] as number) > 0;
      out[r * t + i] = Math.max(0, real ? seen : seen - 1);
      if (real) seen++;
    }
  }
  return out;
}
