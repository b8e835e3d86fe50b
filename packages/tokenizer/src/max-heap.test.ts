import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MaxHeap } from './max-heap.js';

describe('MaxHeap', () => {
  it('pops by priority descending, then key ascending', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 1000 }))), (entries) => {
        const heap = new MaxHeap();
        for (const [p, k] of entries) heap.push(p, k);
        const popped: [number, number][] = [];
        while (heap.pop()) popped.push([heap.topPriority, heap.topKey]);
        const expected = [...entries].sort((x, y) => y[0] - x[0] || x[1] - y[1]);
        expect(popped).toEqual(expected);
      }),
    );
  });

  it('reports an empty heap', () => {
    expect(new MaxHeap().pop()).toBe(false);
  });
});
