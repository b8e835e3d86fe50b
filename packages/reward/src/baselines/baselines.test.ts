import { describe, expect, it } from 'vitest';
import { countWords, longerCvScores, longerCvWins } from './index.js';

describe('longerCvWins', () => {
  it('counts words', () => {
    expect(countWords(' a  b\nc ')).toBe(3);
    expect(longerCvScores([{ cv: 'one two' }, { cv: '' }])).toEqual([2, 0]);
  });
  it('compares matched and unmatched CVs of the same group, ties one half', () => {
    const rows = [
      { cv: 'a b c', label: 1, group: 'j1' },
      { cv: 'a b', label: 0, group: 'j1' }, // matched longer: win
      { cv: 'a', label: 1, group: 'j2' },
      { cv: 'a b', label: 0, group: 'j2' }, // loss
      { cv: 'x y', label: 1, group: 'j3' },
      { cv: 'y x', label: 0, group: 'j3' }, // tie
    ];
    expect(longerCvWins(rows)).toBeCloseTo(1.5 / 3, 12);
  });
});
