/**
 * A small, fast, seeded pseudo-random number generator (mulberry32) with the helpers the synthetic
 * market needs. Not cryptographic. Same seed → same sequence on every platform.
 *
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng.next();          // a float in [0, 1), the same on every run for seed 42
 * rng.int(10);         // an integer in [0, 10)
 * rng.pick(['a', 'b']);
 * const people = rng.fork('people'); // an independent stream, stable under changes elsewhere
 * ```
 */
export interface Rng {
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
  /** An independent generator derived from this seed and a label; does not advance this one. */
  fork(label: string): Rng;
}

/**
 * 32-bit FNV-1a hash of a string with a murmur3 finaliser, mixed with a seed. Deterministic and
 * platform independent (used to derive seeds and to order groups in splits).
 *
 * @example
 * ```ts
 * hashString('data-scientist') === hashString('data-scientist'); // true
 * hashString('a', 1) !== hashString('a', 2);                       // true
 * ```
 */
export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // final avalanche (murmur3 fmix32) so that near strings give far hashes
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Create a seeded generator. Any finite number (or string) works as a seed.
 *
 * @example
 * ```ts
 * const a = createRng(7), b = createRng(7);
 * a.next() === b.next(); // true
 * ```
 */
export function createRng(seed: number | string): Rng {
  const seed32 = typeof seed === 'string' ? hashString(seed) : hashString(String(seed));
  let state = seed32 >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => {
    if (!(n >= 1)) throw new RangeError(`rng.int(n) needs n >= 1, got ${n}`);
    return Math.floor(next() * Math.floor(n));
  };
  const rng: Rng = {
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
