import { describe, expect, it } from 'vitest';
import { buildSequences, lastRealIndex, responseMask } from './sequences.js';

describe('padding and EOS masking', () => {
  it('masks everything after the first EOS, EOS included as real', () => {
    expect(Array.from(responseMask(Int32Array.of(5, 2, 9, 5, 5, 5), 2, 3, 2))).toEqual([1, 1, 0, 1, 1, 1]);
    expect(Array.from(responseMask(Int32Array.of(2, 2, 2), 1, 3, 2))).toEqual([1, 0, 0]);
    // right padding from elsewhere ends the response too
    expect(Array.from(responseMask(Int32Array.of(5, 0, 0), 1, 3, 2, 0))).toEqual([1, 0, 0]);
  });

  it('finds the last real token', () => {
    expect(Array.from(lastRealIndex([1, 1, 0, 1, 1, 1, 0, 0, 0], 3, 3))).toEqual([1, 2, -1]);
  });

  it('left-pads prompts and right-pads responses', () => {
    const b = buildSequences([[1, 7], [1]], [[4, 2], [5]], 0);
    expect([b.P, b.R]).toEqual([2, 2]);
    expect(Array.from(b.ids)).toEqual([1, 7, 4, 2, 0, 1, 5, 0]);
    expect(Array.from(b.attentionMask)).toEqual([1, 1, 1, 1, 0, 1, 1, 0]);
    expect(Array.from(b.responses)).toEqual([4, 2, 5, 0]);
    expect(Array.from(b.responseMask)).toEqual([1, 1, 1, 0]);
  });

  it('rejects mismatched or empty input', () => {
    expect(() => buildSequences([[1]], [], 0)).toThrow(/as many responses/);
    expect(() => buildSequences([[]], [[1]], 0)).toThrow(/at least one token/);
  });
});
