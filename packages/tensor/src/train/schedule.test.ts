import { describe, expect, it } from 'vitest';
import { constantLr, linearWarmup, warmupCosine } from './schedule.js';

describe('schedules', () => {
  it('constantLr is constant and validates', () => {
    expect([0, 1, 1e6].map(constantLr(0.1))).toEqual([0.1, 0.1, 0.1]);
    expect(() => constantLr(-1)).toThrow(/lr must be/);
  });

  it('linearWarmup ramps (i+1)/warmup then holds', () => {
    expect([0, 1, 2, 3, 4, 100].map(linearWarmup({ peakLr: 1, warmupSteps: 4 }))).toEqual([0.25, 0.5, 0.75, 1, 1, 1]);
    expect(linearWarmup({ peakLr: 2, warmupSteps: 0 })(0)).toBe(2);
  });

  it('warmupCosine hits the hand-computed values at the boundaries', () => {
    const lr = warmupCosine({ peakLr: 1, warmupSteps: 10, totalSteps: 110, minLr: 0.1 });
    expect(lr(0)).toBeCloseTo(0.1, 12); // 1 * 1/10
    expect(lr(4)).toBeCloseTo(0.5, 12);
    expect(lr(9)).toBe(1); // end of warmup: peak
    expect(lr(10)).toBe(1); // cosine starts at peak
    expect(lr(60)).toBeCloseTo(0.55, 12); // half way: 0.1 + 0.45 * (1 + cos(pi/2))
    expect(lr(35)).toBeCloseTo(0.1 + 0.45 * (1 + Math.cos(Math.PI / 4)), 12);
    expect(lr(109)).toBeCloseTo(0.1 + 0.45 * (1 + Math.cos((Math.PI * 99) / 100)), 12);
    expect(lr(110)).toBe(0.1);
    expect(lr(10_000)).toBe(0.1);
    for (let s = 10; s < 110; s++) expect(lr(s + 1)).toBeLessThanOrEqual(lr(s)); // monotone decay
  });

  it('warmupCosine defaults minLr to peak/10 and handles no warmup / no decay', () => {
    expect(warmupCosine({ peakLr: 1, warmupSteps: 0, totalSteps: 10 })(10)).toBe(0.1);
    expect(warmupCosine({ peakLr: 1, warmupSteps: 0, totalSteps: 10 })(0)).toBe(1);
    const flat = warmupCosine({ peakLr: 1, warmupSteps: 5, totalSteps: 5, minLr: 0.2 });
    expect([3, 4, 5, 6].map(flat)).toEqual([0.8, 1, 0.2, 0.2]);
  });

  it('warmupCosine rejects inconsistent configs with the field name', () => {
    expect(() => warmupCosine({ peakLr: 1, warmupSteps: 10, totalSteps: 5 })).toThrow(/totalSteps must be an integer >= warmupSteps \(10\)/);
    expect(() => warmupCosine({ peakLr: 1, warmupSteps: 0, totalSteps: 5, minLr: 2 })).toThrow(/minLr/);
    expect(() => warmupCosine({ peakLr: Number.NaN, warmupSteps: 0, totalSteps: 5 })).toThrow(/peakLr/);
    expect(() => warmupCosine({ peakLr: 1, warmupSteps: 1.5, totalSteps: 5 })).toThrow(/warmupSteps/);
  });
});
