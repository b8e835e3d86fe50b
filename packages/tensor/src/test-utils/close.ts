/** Test helpers (not shipped): numeric comparison and seeded data. */
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

/** Asserts |a − b| ≤ atol + rtol·|b| element-wise, reporting the worst element. */
export function expectClose(actual: tf.Tensor | ArrayLike<number>, expected: tf.Tensor | ArrayLike<number>, atol = 1e-4, rtol = 1e-3): void {
  const a = actual instanceof tf.Tensor ? actual.dataSync() : actual;
  const e = expected instanceof tf.Tensor ? expected.dataSync() : expected;
  expect(a.length).toBe(e.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < a.length; i++) {
    const err = Math.abs((a[i] as number) - (e[i] as number)) - rtol * Math.abs(e[i] as number);
    if (!(err <= worst)) {
      worst = err;
      at = i;
    }
  }
  if (at >= 0 && !(worst <= atol)) {
    expect.fail(`element ${at}: got ${a[at]}, expected ${e[at]} (atol ${atol}, rtol ${rtol})`);
  }
}

/** Deterministic pseudo-random floats in [-scale, scale) (mulberry32), for test inputs. */
export function seeded(n: number, seed = 1, scale = 1): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1) * scale;
  }
  return out;
}

/** A seeded tensor of the given shape. */
export function randn(shape: number[], seed = 1, scale = 1): tf.Tensor {
  return tf.tensor(seeded(shape.reduce((a, b) => a * b, 1), seed, scale), shape);
}

/** Central finite-difference gradient of a scalar function at `x` (float64 accumulation of fp32 evals). */
export function numericGrad(f: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor, eps = 1e-2): Float32Array {
  const base = x.dataSync().slice();
  const out = new Float32Array(base.length);
  for (let i = 0; i < base.length; i++) {
    const plus = base.slice();
    plus[i] = (plus[i] as number) + eps;
    const minus = base.slice();
    minus[i] = (minus[i] as number) - eps;
    const fp = tf.tidy(() => f(tf.tensor(plus, x.shape)).dataSync()[0] as number);
    const fm = tf.tidy(() => f(tf.tensor(minus, x.shape)).dataSync()[0] as number);
    out[i] = (fp - fm) / (2 * eps);
  }
  return out;
}

/** {@link expectClose} reading tensors asynchronously (works on `webgpu`, which cannot read synchronously in Node). */
export async function expectCloseAsync(actual: tf.Tensor | ArrayLike<number>, expected: tf.Tensor | ArrayLike<number>, atol = 1e-4, rtol = 1e-3): Promise<void> {
  const a = actual instanceof tf.Tensor ? await actual.data() : actual;
  const e = expected instanceof tf.Tensor ? await expected.data() : expected;
  expectClose(a as ArrayLike<number>, e as ArrayLike<number>, atol, rtol);
}

/** {@link numericGrad} with asynchronous reads. */
export async function numericGradAsync(f: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor, eps = 1e-2): Promise<Float32Array> {
  const base = (await x.data()).slice() as Float32Array;
  const out = new Float32Array(base.length);
  for (let i = 0; i < base.length; i++) {
    const plus = base.slice();
    plus[i] = (plus[i] as number) + eps;
    const minus = base.slice();
    minus[i] = (minus[i] as number) - eps;
    const fp = tf.tidy(() => f(tf.tensor(plus, x.shape)));
    const fm = tf.tidy(() => f(tf.tensor(minus, x.shape)));
    out[i] = (((await fp.data())[0] as number) - ((await fm.data())[0] as number)) / (2 * eps);
    tf.dispose([fp, fm]);
  }
  return out;
}
