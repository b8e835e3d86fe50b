import * as tf from '@tensorflow/tfjs-core';

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Sums gradients over micro-batches, so a large batch can be trained as k small ones: with a mean loss
 * per micro-batch, `add(grads, microBatchSize)` for each and then `mean()` gives the full batch's
 * gradient exactly (up to float rounding). A parameter missing from some micro-batch counts as a zero
 * gradient there. The accumulator owns its running sums (they survive enclosing `tf.tidy` scopes);
 * call {@link reset} after each optimizer step and {@link dispose} at the end.
 *
 * @example
 * ```ts
 * const acc = new GradAccumulator();
 * for (const micro of microBatches) {
 *   const { value, grads } = tf.variableGrads(() => loss(micro), vars);
 *   acc.add(grads, micro.size);
 *   tf.dispose([value, grads]);
 * }
 * const grads = acc.mean();
 * opt.step(grads);
 * tf.dispose(grads);
 * acc.reset();
 * ```
 */
export class GradAccumulator {
  private readonly sums = new Map<string, tf.Tensor>();
  private adds = 0;
  private weightSum = 0;

  /** Number of {@link add} calls since the last reset. */
  get count(): number {
    return this.adds;
  }

  /** Sum of the weights passed to {@link add} since the last reset. */
  get totalWeight(): number {
    return this.weightSum;
  }

  /**
   * Adds `weight * grads` to the running sums. The gradients stay the caller's (not disposed).
   *
   * @param weight default 1; use the micro-batch size when micro-batches differ in size.
   * @throws Error when a gradient's shape differs from earlier ones for the same name (nothing is added).
   * @example
   * ```ts
   * acc.add(grads, 8);
   * ```
   */
  add(grads: Record<string, tf.Tensor | null | undefined>, weight = 1): void {
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) {
      throw new RangeError(`GradAccumulator.add: weight must be a positive finite number, got ${String(weight)}.`);
    }
    const entries = Object.entries(grads).filter((e): e is [string, tf.Tensor] => e[1] != null);
    for (const [name, g] of entries) {
      const sum = this.sums.get(name);
      if (sum && !sameShape(sum.shape, g.shape)) {
        throw new Error(
          `GradAccumulator.add: gradient '${name}' has shape [${g.shape.join(', ')}] but earlier ones had [${sum.shape.join(', ')}].`,
        );
      }
      if (g.dtype !== 'float32') throw new Error(`GradAccumulator.add: gradient '${name}' has dtype ${g.dtype}, expected float32.`);
    }
    for (const [name, g] of entries) {
      const old = this.sums.get(name);
      const next = tf.keep(
        tf.tidy(() => {
          const scaled = weight === 1 ? tf.clone(g) : tf.mul(g, weight);
          return old ? tf.add(old, scaled) : scaled;
        }),
      );
      old?.dispose();
      this.sums.set(name, next);
    }
    this.adds += 1;
    this.weightSum += weight;
  }

  /**
   * The weighted mean `Σ wᵢ gᵢ / Σ wᵢ` per name, as new tensors owned by the caller.
   *
   * @throws Error when nothing was added since the last reset.
   * @example
   * ```ts
   * const grads = acc.mean(); // dispose after opt.step(grads)
   * ```
   */
  mean(): Record<string, tf.Tensor> {
    if (this.adds === 0) throw new Error('GradAccumulator.mean: no gradients were added since the last reset().');
    const w = this.weightSum;
    return tf.tidy(() => {
      const out: Record<string, tf.Tensor> = {};
      for (const [name, sum] of this.sums) out[name] = tf.div(sum, w);
      return out;
    });
  }

  /**
   * Frees the running sums and starts over.
   *
   * @example
   * ```ts
   * opt.step(grads); acc.reset();
   * ```
   */
  reset(): void {
    for (const t of this.sums.values()) t.dispose();
    this.sums.clear();
    this.adds = 0;
    this.weightSum = 0;
  }

  /** Same as {@link reset}; call when training ends. */
  dispose(): void {
    this.reset();
  }
}
