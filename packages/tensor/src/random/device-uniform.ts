import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from './rng.js';

/** Columns of the index grid the hash runs over: keeps every sin() argument small enough for float32. */
const GRID = 4096;

/**
 * Uniform draws in [0, 1) computed on the active backend from two numbers drawn from `rng`: a
 * counter-based hash of each element's index (two rounds of the `fract(sin(·)·43758.5453)` GPU hash),
 * so a dropout mask costs no upload from the host. Reproducible on one backend (the same `rng` state gives
 * the same tensor), not bit-identical across backends (their `sin` differ in the last bits); use
 * {@link randomUniformTensor} where identical draws on every backend matter.
 *
 * @param shape tensor shape, e.g. `[B, T, C]`
 * @example
 * ```ts
 * const keep = tf.greaterEqual(deviceUniformTensor(rng, x.shape), p); // dropout mask, drawn on the GPU
 * ```
 */
export function deviceUniformTensor(rng: Rng, shape: readonly number[]): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const s1 = rng.uniform() * 1000;
  const s2 = rng.uniform() * 1000;
  return tf.tidy(() => {
    const i = tf.range(0, size, 1, 'float32'); // [N]
    const b = tf.floor(tf.div(i, GRID)); // row of the grid
    const a = tf.sub(i, tf.mul(b, GRID)); // column, < 4096
    const fract = (x: tf.Tensor) => tf.sub(x, tf.floor(x));
    // 1. first round: position → [0, 1)
    const h1 = fract(tf.mul(tf.sin(tf.add(tf.add(tf.mul(a, 12.9898), tf.mul(b, 78.233)), s1)), 43758.5453));
    // 2. second round mixes the first with the position again, hiding the lattice of round one
    const arg2 = tf.add(tf.add(tf.mul(h1, 91.3458), tf.add(tf.mul(a, 0.0137), tf.mul(b, 0.3121))), s2);
    const h2 = fract(tf.mul(tf.sin(arg2), 47453.5453));
    return tf.reshape(h2, shape as number[]);
  });
}
