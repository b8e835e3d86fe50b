import { describe, expect, it } from 'vitest';
import { AdaptiveKLController, FixedKLController } from './kl-controller.js';

describe('KL controllers', () => {
  it('fixed never moves', () => {
    const c = new FixedKLController(0.05);
    c.update(100, 64);
    expect(c.value).toBe(0.05);
  });

  it('adaptive follows Ziegler et al. by hand', () => {
    const c = new AdaptiveKLController(0.2, 6, 10000);
    c.update(12, 1000); // error clip(1, ±0.2) = 0.2 → ×1.02
    expect(c.value).toBeCloseTo(0.204, 12);
    c.update(3, 1000); // error −0.5 → −0.2 → ×0.98
    expect(c.value).toBeCloseTo(0.204 * 0.98, 12);
    c.update(6.6, 10000); // error 0.1 → ×1.1
    expect(c.value).toBeCloseTo(0.204 * 0.98 * 1.1, 12);
    c.update(Number.NaN, 10000);
    expect(c.value).toBeCloseTo(0.204 * 0.98 * 1.1, 12);
  });

  it('state round-trips', () => {
    const a = new AdaptiveKLController(0.2, 6, 100);
    a.update(20, 10);
    const b = new AdaptiveKLController(0.2, 6, 100);
    b.setState(a.getState());
    expect(b.value).toBe(a.value);
    expect(() => new FixedKLController(1).setState(a.getState())).toThrow(/adaptive/);
    expect(() => new AdaptiveKLController(-1, 6, 1)).toThrow(/>= 0/);
  });
});
