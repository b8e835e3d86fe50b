import { describe, expect, it } from 'vitest';
import { cosine, skillOverlap } from './similarity.js';

describe('similarities', () => {
  it('cosine', () => {
    expect(cosine([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(cosine([0, 0], [1, 1])).toBe(0);
    expect(cosine([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(() => cosine([1], [1, 2])).toThrow(/same model/);
  });
  it('skill overlap', () => {
    expect(skillOverlap(['SQL', 'Python', 'Excel'], ['python', 'sql', 'Tableau', 'R'])).toEqual({ jaccard: 2 / 5, recall: 2 / 4, shared: 2 });
    expect(skillOverlap([], [])).toEqual({ jaccard: 0, recall: 0, shared: 0 });
  });
});
