import { describe, expect, it } from 'vitest';
import { buildTrainingSet } from './dataset.js';

const data = [
  { cv: 'cv1', jd: 'jdA', label: 1, group: 'p1' },
  { cv: 'cv1', jd: 'jdB', label: 0, group: 'p1' },
  { cv: 'cv1', jd: 'jdC', label: 0, group: 'p1' },
  { cv: 'cv2', jd: 'jdD', label: 1, group: 'p2' },
  { cv: 'cv3', jd: 'jdE', label: 0, group: 'p3' },
];
const base = { hardNegatives: true, randomNegativesPerPositive: 0, randomNegativeSide: 'jd' as const, classBalance: false, seed: 1 };

describe('buildTrainingSet', () => {
  it('pairs every positive with every negative of its group', () => {
    const s = buildTrainingSet(data, base);
    expect(s.comparisons).toEqual([
      [0, 1],
      [0, 2],
    ]);
    expect(s.counts).toEqual({ positives: 2, hardNegatives: 3, randomNegatives: 0, comparisons: 2 });
    expect(s.weights).toEqual([1, 1, 1, 1, 1]);
  });

  it('class balance gives each class half the total weight', () => {
    const s = buildTrainingSet(data, { ...base, classBalance: true });
    // 5 rows: 2 positives → 5/4 each, 3 negatives → 5/6 each
    expect(s.weights).toEqual([5 / 4, 5 / 6, 5 / 6, 5 / 4, 5 / 6]);
    const pos = s.weights.filter((_, i) => s.rows[i]?.label === 1).reduce((a, b) => a + b, 0);
    expect(pos).toBeCloseTo(2.5, 12);
  });

  it('random negatives re-pair a positive with another group’s JD (or CV), in its own group', () => {
    const s = buildTrainingSet(data, { ...base, hardNegatives: false, randomNegativesPerPositive: 1 });
    expect(s.rows.map((r) => [r.cv, r.jd, r.label, r.group, r.random])).toEqual([
      ['cv1', 'jdA', 1, 'p1', false],
      ['cv2', 'jdD', 1, 'p2', false],
      ['cv1', 'jdD', 0, 'p1', true],
      ['cv2', 'jdA', 0, 'p2', true],
    ]);
    expect(s.comparisons).toEqual([
      [0, 2],
      [1, 3],
    ]);
    const cvSide = buildTrainingSet(data, { ...base, hardNegatives: false, randomNegativesPerPositive: 1, randomNegativeSide: 'cv' });
    expect(cvSide.rows.slice(2).map((r) => [r.cv, r.jd])).toEqual([
      ['cv2', 'jdA'],
      ['cv1', 'jdD'],
    ]);
  });

  it('is deterministic from the seed and rejects bad labels or no positives', () => {
    const a = buildTrainingSet(data, { ...base, randomNegativesPerPositive: 3 });
    const b = buildTrainingSet(data, { ...base, randomNegativesPerPositive: 3 });
    expect(a).toEqual(b);
    expect(() => buildTrainingSet([{ cv: 'a', jd: 'b', label: 2 }], base)).toThrow(/expected 0 or 1/);
    expect(() => buildTrainingSet([{ cv: 'a', jd: 'b', label: 0 }], base)).toThrow(/no positive/);
  });
});
