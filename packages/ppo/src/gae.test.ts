import { describe, expect, it } from 'vitest';
import { gae, gaeBatch } from './gae.js';

const close = (got: ArrayLike<number>, want: number[]) => want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, 5));

describe('gae', () => {
  it('matches a hand computation (γ 0.9, λ 0.8)', () => {
    // t=2: δ = 2 − 0.5 = 1.5, A = 1.5; t=1: δ = 0.9·0.5 − 1 = −0.55, A = −0.55 + 0.72·1.5 = 0.53;
    // t=0: δ = 1 + 0.9·1 − 0.5 = 1.4, A = 1.4 + 0.72·0.53 = 1.7816
    const { advantages, returns } = gae([1, 0, 2], [0.5, 1, 0.5], [1, 1, 1], 0.9, 0.8);
    close(advantages, [1.7816, 0.53, 1.5]);
    close(returns, [2.2816, 1.53, 2.0]);
  });

  it('γ = λ = 1 gives reward-to-go minus value', () => {
    close(gae([0, 0, 1], [0.5, 0.5, 0.5], null, 1, 1).advantages, [0.5, 0.5, 0.5]);
    close(gae([1, 2, 3], [0, 0, 0], null, 1, 1).returns, [6, 5, 3]);
  });

  it('λ = 0 is the one-step TD error', () => {
    close(gae([1, 1], [2, 3], null, 1, 0).advantages, [1 + 3 - 2, 1 - 3]);
  });

  it('ignores masked positions: nothing after the last real token leaks in', () => {
    // t=1: δ = 2 − 1 = 1; t=0: δ = 1 + 0.9 − 0.5 = 1.4, A = 1.4 + 0.72 = 2.12
    const { advantages, returns } = gae([1, 2, 99], [0.5, 1, 7], [1, 1, 0], 0.9, 0.8);
    close(advantages, [2.12, 1, 0]);
    close(returns, [2.62, 2, 0]);
  });

  it('runs rows of a batch independently', () => {
    const r = Float32Array.of(1, 0, 2, 1, 2, 99);
    const v = Float32Array.of(0.5, 1, 0.5, 0.5, 1, 7);
    const { advantages } = gaeBatch(r, v, [1, 1, 1, 1, 1, 0], 2, 3, 0.9, 0.8);
    close(advantages, [1.7816, 0.53, 1.5, 2.12, 1, 0]);
  });

  it('rejects bad arguments', () => {
    expect(() => gae([1], [1, 2], null, 1, 1)).toThrow(/same length/);
    expect(() => gae([1], [1], null, 1.5, 1)).toThrow(/gamma/);
    expect(() => gaeBatch(new Float32Array(3), new Float32Array(4), [1, 1, 1, 1], 2, 2, 1, 1)).toThrow(/B·T/);
  });
});
