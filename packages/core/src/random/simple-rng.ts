/**
 * The small draw-helper view of an {@link Rng} that the synthetic job market and the group splits use:
 * floats from `next()`, a copying `shuffle`, `pick`, `sample`, and forks named by label. It runs on the
 * `'mulberry32'` source, so every market and split made before GIRL had one generator is made again
 * number for number.
 */
import { Rng } from './rng.js';

const TWO_POW_32 = 4294967296;

/** A seeded generator with the helpers the synthetic market needs; see {@link createRng}. Not cryptographic. */
export interface SimpleRng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). Throws on n < 1. */
  int(n: number): number;
  /** An integer in [lo, hi] (both inclusive). */
  range(lo: number, hi: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** k distinct elements in random order (k is clamped to items.length). */
  sample<T>(items: readonly T[], k: number): T[];
  /** An independent generator derived from the seed and a label; does not advance this one. */
  fork(label: string): SimpleRng;
}

/**
 * A seeded {@link SimpleRng}. Any finite number or string works as a seed; the same seed gives the same
 * sequence on every platform.
 *
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng.next();                        // a float in [0, 1), the same on every run for seed 42
 * rng.pick(['a', 'b']);
 * const people = rng.fork('people'); // an independent stream, stable under changes elsewhere
 * ```
 */
export function createRng(seed: number | string): SimpleRng {
  const bits = new Rng(seed, 'mulberry32');
  const seed32 = bits.getState().s[0];
  const next = (): number => bits.next() / TWO_POW_32;
  const int = (n: number): number => {
    if (!(n >= 1)) throw new RangeError(`rng.int(n) needs n >= 1, got ${n}`);
    return Math.floor(next() * Math.floor(n));
  };
  const rng: SimpleRng = {
    next,
    int,
    range: (lo, hi) => lo + int(hi - lo + 1),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('rng.pick() needs a non-empty array');
      return items[int(items.length)] as (typeof items)[number];
    },
    shuffle: (items) => {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(i + 1);
        const tmp = out[i] as (typeof out)[number];
        out[i] = out[j] as (typeof out)[number];
        out[j] = tmp;
      }
      return out;
    },
    sample: (items, k) => rng.shuffle(items).slice(0, Math.max(0, Math.min(k, items.length))),
    fork: (label) => createRng(`${seed32}:${label}`),
  };
  return rng;
}
