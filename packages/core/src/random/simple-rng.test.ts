import { describe, expect, it } from 'vitest';
import { hashString } from './hash.js';
import { createRng } from './simple-rng.js';

describe('createRng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 20 }, () => a.next());
    const sb = Array.from({ length: 20 }, () => b.next());
    const sc = Array.from({ length: 20 }, () => c.next());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
    for (const x of sa) expect(x >= 0 && x < 1).toBe(true);
  });

  it('int, range and pick stay in bounds and cover the range', () => {
    const r = createRng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = r.range(3, 7);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(7);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(() => r.int(0)).toThrow(RangeError);
    expect(() => r.pick([])).toThrow(RangeError);
  });

  it('is roughly uniform', () => {
    const r = createRng('uniform');
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 20000; i++) bins[r.int(10)]! += 1;
    for (const b of bins) expect(Math.abs(b - 2000)).toBeLessThan(200);
  });

  it('shuffle and sample return permutations / distinct subsets', () => {
    const r = createRng(5);
    const items = Array.from({ length: 30 }, (_, i) => i);
    const sh = r.shuffle(items);
    expect([...sh].sort((x, y) => x - y)).toEqual(items);
    expect(sh).not.toEqual(items);
    const s = r.sample(items, 7);
    expect(new Set(s).size).toBe(7);
    expect(r.sample(items, 100)).toHaveLength(30);
  });

  it('fork gives independent streams that do not advance the parent', () => {
    const a = createRng(9);
    const b = createRng(9);
    const f1 = a.fork('x');
    expect(a.next()).toBe(b.next());
    expect(f1.next()).toBe(createRng(9).fork('x').next());
    expect(createRng(9).fork('x').next()).not.toBe(createRng(9).fork('y').next());
  });

  it('hashString is deterministic and spreads near strings', () => {
    expect(hashString('abc')).toBe(hashString('abc'));
    expect(hashString('abc')).not.toBe(hashString('abd'));
    expect(hashString('abc', 1)).not.toBe(hashString('abc', 2));
  });
});
