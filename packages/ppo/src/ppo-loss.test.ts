import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '@girl/tensor';
import { ppoLoss } from './ppo-loss.js';

beforeAll(async () => {
  await initBackend('cpu');
});

describe('ppoLoss', () => {
  it('matches a hand computation', () => {
    const t = (v: number[]) => tf.tensor2d(v, [1, v.length]);
    const out = ppoLoss(
      {
        logprobs: t([0, -1]),
        oldLogprobs: t([0, -1.5]), // ratios 1, e^0.5 ≈ 1.6487 (clipped to 1.2)
        advantages: t([1, 2]),
        values: t([0.5, 2]),
        oldValues: t([0, 1]), // clipped values 0.2, 1.2
        returns: t([1, 1]),
        mask: t([1, 1]),
      },
      { clipRange: 0.2, clipRangeValue: 0.2, vfCoef: 0.1, entCoef: 0 },
    );
    const v = (x: tf.Tensor) => x.dataSync()[0]!;
    // pg: max(−1, −1) = −1; max(−2·1.6487, −2·1.2) = −2.4 → −1.7; clipped on token 2 only
    expect(v(out.pgLoss)).toBeCloseTo(-1.7, 5);
    expect(v(out.pgClipfrac)).toBeCloseTo(0.5, 6);
    // vf: max(0.25, 0.64) = 0.64; max(1, 0.04) = 1 → ½·0.82 = 0.41; clipped on token 1 only
    expect(v(out.vfLoss)).toBeCloseTo(0.41, 5);
    expect(v(out.vfClipfrac)).toBeCloseTo(0.5, 6);
    expect(v(out.approxKl)).toBeCloseTo(0.0625, 6); // ½·mean(0, 0.25)
    expect(v(out.loss)).toBeCloseTo(-1.7 + 0.041, 5);
  });

  it('ignores masked tokens and needs entropy for an entropy bonus', () => {
    const t = (v: number[]) => tf.tensor2d(v, [1, v.length]);
    const base = { logprobs: t([0, 5]), oldLogprobs: t([0, 0]), advantages: t([1, 100]), values: t([0, 9]), oldValues: t([0, 0]), returns: t([0, 0]), mask: t([1, 0]) };
    const out = ppoLoss(base, { clipRange: 0.2, clipRangeValue: 0.2, vfCoef: 0.1, entCoef: 0 });
    expect(out.pgLoss.dataSync()[0]).toBeCloseTo(-1, 6);
    expect(out.vfLoss.dataSync()[0]).toBeCloseTo(0, 6);
    expect(() => ppoLoss(base, { clipRange: 0.2, clipRangeValue: 0.2, vfCoef: 0.1, entCoef: 0.01 })).toThrow(/entropy/);
    const withEnt = ppoLoss({ ...base, entropy: t([2, 50]) }, { clipRange: 0.2, clipRangeValue: 0.2, vfCoef: 0.1, entCoef: 0.5 });
    expect(withEnt.loss.dataSync()[0]).toBeCloseTo(-1 - 0.5 * 2, 5);
  });
});
