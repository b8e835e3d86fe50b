import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findLeaks, splitByGroup } from './split-by-group.js';

interface Item {
  id: number;
  group: string;
}

const itemsArb = fc
  .array(fc.integer({ min: 0, max: 40 }), { minLength: 0, maxLength: 300 })
  .map((groups) => groups.map((g, id): Item => ({ id, group: `g${g}` })));

describe('splitByGroup', () => {
  it('never puts one group in two splits and keeps every item exactly once (property)', () => {
    fc.assert(
      fc.property(itemsArb, fc.integer(), fc.float({ min: 0, max: 1, noNaN: true }), (items, seed, v) => {
        const s = splitByGroup(items, { key: (x) => x.group, seed, ratios: { train: 0.7, validation: v * 0.3, test: 0.3 - v * 0.3 } });
        expect(findLeaks(s, (x) => x.group)).toEqual([]);
        const ids = [...s.train, ...s.validation, ...s.test].map((x) => x.id).sort((a, b) => a - b);
        expect(ids).toEqual(items.map((x) => x.id));
        const groups = [...s.groups.train, ...s.groups.validation, ...s.groups.test];
        expect(new Set(groups).size).toBe(groups.length);
        expect(new Set(groups)).toEqual(new Set(items.map((x) => x.group)));
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic per seed, independent of input order, and differs between seeds', () => {
    const items = Array.from({ length: 1000 }, (_, id) => ({ id, group: `g${id % 97}` }));
    const key = (x: Item): string => x.group;
    const a = splitByGroup(items, { key, seed: 1 });
    const b = splitByGroup([...items].reverse(), { key, seed: 1 });
    const c = splitByGroup(items, { key, seed: 2 });
    expect(a.groups).toEqual(b.groups);
    expect(new Set(a.test.map((x) => x.id))).toEqual(new Set(b.test.map((x) => x.id)));
    expect(a.groups.test).not.toEqual(c.groups.test);
    // items keep their input order within a split
    expect(a.train.map((x) => x.id)).toEqual([...a.train.map((x) => x.id)].sort((x, y) => x - y));
  });

  it('follows the ratios closely when there are many groups', () => {
    const items = Array.from({ length: 5000 }, (_, id) => ({ id, group: `g${Math.floor(id / (1 + (id % 5)))}` }));
    for (const seed of [0, 1, 2]) {
      const s = splitByGroup(items, { key: (x) => x.group, seed, ratios: { train: 0.8, validation: 0.1, test: 0.1 } });
      expect(Math.abs(s.train.length / 5000 - 0.8)).toBeLessThan(0.02);
      expect(Math.abs(s.validation.length / 5000 - 0.1)).toBeLessThan(0.02);
      expect(Math.abs(s.test.length / 5000 - 0.1)).toBeLessThan(0.02);
    }
  });

  it('normalises ratios, allows an empty split, and rejects bad ratios', () => {
    const items = Array.from({ length: 100 }, (_, id) => ({ id, group: String(id) }));
    const s = splitByGroup(items, { key: (x) => x.group, ratios: { train: 3, validation: 0, test: 1 } });
    expect(s.validation).toEqual([]);
    expect(s.train.length).toBe(75);
    expect(() => splitByGroup(items, { key: (x) => x.group, ratios: { train: 0, validation: 0, test: 0 } })).toThrow(RangeError);
    expect(() => splitByGroup(items, { key: (x) => x.group, ratios: { train: -1, validation: 1, test: 1 } })).toThrow(/>= 0/);
  });

  it('findLeaks reports groups that cross splits', () => {
    expect(findLeaks({ train: [{ g: 'a' }, { g: 'b' }], validation: [{ g: 'b' }], test: [{ g: 'c' }, { g: 'a' }] }, (x) => x.g).sort()).toEqual(['a', 'b']);
  });
});
