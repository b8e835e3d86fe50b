import * as tf from '@tensorflow/tfjs-core';

/** Options for {@link clipGradNorm}. */
export interface ClipGradNormOptions {
  /**
   * Throw when the norm is NaN or ±Infinity instead of reporting it. Default `false`: the trainer decides
   * (skip the step, lower the learning rate, or stop) from `finite` in the result.
   */
  errorIfNonFinite?: boolean;
}

/** What {@link clipGradNorm} returns. */
export interface ClipGradNormResult {
  /**
   * The gradients to use: the very same object when no clipping was needed (or the norm was not
   * finite), otherwise new tensors scaled by `maxNorm / (norm + 1e-6)`, owned by the caller.
   */
  grads: Record<string, tf.Tensor>;
  /** The global L2 norm before clipping (NaN or Infinity when some gradient was). */
  norm: number;
  /** Whether `grads` are new, scaled tensors. */
  clipped: boolean;
  /** `false` when `norm` is NaN or ±Infinity: do not apply these gradients. */
  finite: boolean;
}

/**
 * Scales gradients so their global L2 norm (over all tensors together) is at most `maxNorm`, as
 * PyTorch's `clip_grad_norm_` does (scale `maxNorm / (norm + 1e-6)`). Reads back one scalar.
 *
 * A NaN or infinite norm is reported (`finite: false`) and nothing is scaled, since scaling would turn
 * every gradient into NaN; callers should then skip the step or stop. The norm is computed from float32
 * squares, so it overflows to Infinity once a single gradient entry exceeds ~1.8e19.
 *
 * Ownership: when `clipped` is true, dispose both the input gradients and the returned ones (tfjs
 * ignores a second dispose of the same tensor, so `tf.dispose([grads, result.grads])` is always safe).
 *
 * @example
 * ```ts
 * const { grads: clipped, norm, finite } = clipGradNorm(grads, 1.0);
 * if (!finite) throw new Error(`gradient norm is ${norm} at step ${opt.stepCount}`);
 * opt.step(clipped);
 * tf.dispose([grads, clipped]);
 * ```
 */
export function clipGradNorm(
  grads: Record<string, tf.Tensor>,
  maxNorm: number,
  options: ClipGradNormOptions = {},
): ClipGradNormResult {
  checkMaxNorm(maxNorm);
  const entries = Object.entries(grads).filter((e): e is [string, tf.Tensor] => e[1] != null);
  if (entries.length === 0) return { grads, norm: 0, clipped: false, finite: true };
  const normTensor = globalNorm(entries);
  const norm = normTensor.dataSync()[0]!;
  normTensor.dispose();
  return clipWithNorm(grads, entries, norm, maxNorm, options);
}

/**
 * {@link clipGradNorm} with an asynchronous read of the norm, for backends whose data cannot be read
 * synchronously (`webgpu` in Node) and to let the host wait without blocking the event loop.
 */
export async function clipGradNormAsync(
  grads: Record<string, tf.Tensor>,
  maxNorm: number,
  options: ClipGradNormOptions = {},
): Promise<ClipGradNormResult> {
  checkMaxNorm(maxNorm);
  const entries = Object.entries(grads).filter((e): e is [string, tf.Tensor] => e[1] != null);
  if (entries.length === 0) return { grads, norm: 0, clipped: false, finite: true };
  const normTensor = globalNorm(entries);
  const norm = (await normTensor.data())[0]!;
  normTensor.dispose();
  return clipWithNorm(grads, entries, norm, maxNorm, options);
}

function checkMaxNorm(maxNorm: number): void {
  if (typeof maxNorm !== 'number' || !(maxNorm > 0) || !Number.isFinite(maxNorm)) {
    throw new RangeError(`clipGradNorm: maxNorm must be a positive finite number, got ${String(maxNorm)}.`);
  }
}

/** `sqrt(Σ‖g‖²)` over every gradient, as a scalar tensor. */
function globalNorm(entries: [string, tf.Tensor][]): tf.Tensor {
  return tf.tidy(() => {
    let total: tf.Tensor | null = null;
    for (const [, g] of entries) {
      const s = tf.sum(tf.square(g));
      total = total === null ? s : tf.add(total, s);
    }
    return tf.sqrt(total!);
  });
}

function clipWithNorm(
  grads: Record<string, tf.Tensor>,
  entries: [string, tf.Tensor][],
  norm: number,
  maxNorm: number,
  options: ClipGradNormOptions,
): ClipGradNormResult {
  if (!Number.isFinite(norm)) {
    if (options.errorIfNonFinite) {
      throw new Error(`clipGradNorm: the global gradient norm is ${norm}; some gradient holds NaN or Infinity.`);
    }
    return { grads, norm, clipped: false, finite: false };
  }
  if (norm <= maxNorm) return { grads, norm, clipped: false, finite: true };
  const scale = maxNorm / (norm + 1e-6);
  const scaled = tf.tidy(() => {
    const out: Record<string, tf.Tensor> = {};
    for (const [name, g] of entries) out[name] = tf.mul(g, scale);
    return out;
  });
  return { grads: scaled, norm, clipped: true, finite: true };
}
