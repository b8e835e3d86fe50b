/**
 * Truncation of an id sequence to a budget.
 *
 * @example
 * ```ts
 * truncateIds([1, 2, 3, 4, 5], 3, 'right');     // [1, 2, 3]
 * truncateIds([1, 2, 3, 4, 5], 3, 'left');      // [3, 4, 5]
 * truncateIds([1, 2, 3, 4, 5], 3, 'head-tail'); // [1, 2, 5]
 * ```
 * @module
 */

/**
 * Which end loses tokens when a sequence is too long: `'right'` keeps the start, `'left'` keeps the end,
 * `'head-tail'` keeps the first half (rounded up) and the last half of the budget and drops the middle.
 */
export type TruncationSide = 'right' | 'left' | 'head-tail';

/**
 * Returns at most `budget` ids of `ids`, cut on `side`; returns `ids` itself when it already fits.
 *
 * @example
 * ```ts
 * truncateIds([1, 2, 3, 4], 2, 'left'); // [3, 4]
 * ```
 */
export function truncateIds(ids: readonly number[], budget: number, side: TruncationSide): readonly number[] {
  if (ids.length <= budget) return ids;
  if (budget <= 0) return [];
  switch (side) {
    case 'right':
      return ids.slice(0, budget);
    case 'left':
      return ids.slice(ids.length - budget);
    case 'head-tail': {
      const head = Math.ceil(budget / 2);
      const tail = budget - head;
      return tail === 0 ? ids.slice(0, head) : [...ids.slice(0, head), ...ids.slice(ids.length - tail)];
    }
  }
}
