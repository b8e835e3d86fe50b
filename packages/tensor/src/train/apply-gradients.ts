/**
 * The one way GIRL's trainers turn a step's gradients into an update: measure the global norm, clip it
 * when clipping is on, refuse NaN / ±Infinity whether or not clipping is on, and step the optimizer.
 * Clipping off (`maxGradNorm: 0`) still measures the norm: a non-finite gradient is caught and the
 * logged norm is a number, where it used to be NaN and the NaN update was applied.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AdamW } from './adamw.js';
import { clipGradNormAsync } from './clip-grad-norm.js';
import type { ClipGradNormResult } from './clip-grad-norm.js';

/**
 * {@link clipGradNormAsync} where `maxGradNorm: 0` means "do not clip, only measure": the result's `norm`
 * and `finite` are always filled in. Ownership as in `clipGradNormAsync`: when `clipped` is true, the
 * returned gradients are new tensors and the input ones stay the caller's too.
 *
 * @throws RangeError when `maxGradNorm` is negative or not finite.
 * @example
 * ```ts
 * const { grads: g, norm, finite, clipped } = await clipGradients(grads, 1.0); // or 0: measure only
 * if (finite) optimizer.step(g);
 * if (clipped) tf.dispose(Object.values(g));
 * ```
 */
export async function clipGradients(grads: Record<string, tf.Tensor>, maxGradNorm: number): Promise<ClipGradNormResult> {
  if (!(maxGradNorm >= 0) || !Number.isFinite(maxGradNorm)) {
    throw new RangeError(`clipGradients: maxGradNorm must be a finite number >= 0 (0 turns clipping off), got ${String(maxGradNorm)}.`);
  }
  if (maxGradNorm > 0) return clipGradNormAsync(grads, maxGradNorm);
  // measuring alone is clipping to an unreachable norm: the same sum of squares, nothing scaled
  return clipGradNormAsync(grads, Number.MAX_VALUE);
}

/** Options of {@link applyGradients}. */
export interface ApplyGradientsOptions {
  /** Clip the global gradient norm to this; `0` turns clipping off (the norm is still checked). */
  maxGradNorm: number;
  /**
   * Builds the error thrown for a non-finite norm, e.g. a {@link DivergenceError} naming the stage and
   * step: `(norm) => new DivergenceError({ stage: 'sft', step, what: 'gradient norm', value: norm, advice })`.
   */
  diverged: (norm: number) => Error;
}

/**
 * Clips `grads` (see {@link clipGradients}), throws `options.diverged(norm)` when the norm is NaN or
 * ±Infinity (the optimizer is not touched), else applies them with `optimizer.step`. Returns the global
 * norm before clipping. `grads` stay the caller's; any scaled copy is freed here.
 *
 * @throws the error `options.diverged` builds, on a non-finite gradient norm.
 * @example
 * ```ts
 * const grads = acc.mean();
 * try {
 *   const norm = await applyGradients(opt, grads, { maxGradNorm: 1, diverged: (v) => new Error(`gradient norm ${v}`) });
 * } finally {
 *   tf.dispose(Object.values(grads));
 * }
 * ```
 */
export async function applyGradients(optimizer: AdamW, grads: Record<string, tf.Tensor>, options: ApplyGradientsOptions): Promise<number> {
  const clipped = await clipGradients(grads, options.maxGradNorm);
  try {
    if (!clipped.finite) throw options.diverged(clipped.norm);
    optimizer.step(clipped.grads);
  } finally {
    if (clipped.clipped) tf.dispose(Object.values(clipped.grads));
  }
  return clipped.norm;
}
