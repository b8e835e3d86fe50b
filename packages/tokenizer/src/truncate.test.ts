import { describe, expect, it } from 'vitest';
import { truncateIds } from './truncate.js';

describe('truncateIds', () => {
  const ids = [1, 2, 3, 4, 5, 6, 7];
  it('cuts on the requested side', () => {
    expect(truncateIds(ids, 3, 'right')).toEqual([1, 2, 3]);
    expect(truncateIds(ids, 3, 'left')).toEqual([5, 6, 7]);
    expect(truncateIds(ids, 4, 'head-tail')).toEqual([1, 2, 6, 7]);
    expect(truncateIds(ids, 3, 'head-tail')).toEqual([1, 2, 7]);
    expect(truncateIds(ids, 1, 'head-tail')).toEqual([1]);
  });
  it('leaves short sequences alone and handles a zero budget', () => {
    expect(truncateIds(ids, 10, 'left')).toBe(ids);
    expect(truncateIds(ids, 0, 'right')).toEqual([]);
  });
});
