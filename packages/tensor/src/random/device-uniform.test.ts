import { expect, it } from 'vitest';
import { describeEachBackendAndGpu } from '../test-utils/each-backend.js';
import { deviceUniformTensor } from './device-uniform.js';
import { Rng } from './rng.js';

describeEachBackendAndGpu('deviceUniformTensor', () => {
  it('is uniform on [0, 1), reproducible from the rng state, and changes with it', async () => {
    const rng = new Rng(5);
    const a = await deviceUniformTensor(rng, [200, 500]).data();
    const again = await deviceUniformTensor(new Rng(5), [200, 500]).data();
    const next = await deviceUniformTensor(rng, [200, 500]).data();
    let sum = 0;
    let below = 0;
    let same = 0;
    let lag = 0;
    let outside = 0;
    for (let i = 0; i < a.length; i++) {
      const v = a[i] as number;
      if (!(v >= 0 && v < 1)) outside++;
      sum += v;
      if (v < 0.1) below++;
      if (v === next[i]) same++;
      if (i > 0) lag += (v - 0.5) * ((a[i - 1] as number) - 0.5);
    }
    expect(outside).toBe(0);
    expect(Array.from(again)).toEqual(Array.from(a));
    expect(Math.abs(sum / a.length - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(below / a.length - 0.1)).toBeLessThan(0.01);
    expect(Math.abs(lag / (a.length - 1) / (1 / 12))).toBeLessThan(0.03); // neighbours uncorrelated
    expect(same / a.length).toBeLessThan(0.01);
  });
});
