/** The saved form of an `Rng`'s state, the seeds it accepts, and their checks. */
import { hashString, mixWords, stringWords } from './hash.js';

/** The bit sources an `Rng` can run on. */
export type RngAlgorithm = 'xoshiro128**' | 'mulberry32';

/** Plain, JSON-able state of an `Rng`; `Rng.setState` resumes exactly where it left off. */
export type RngState =
  | {
      /** Checked on restore so a state from another generator is refused. */
      algorithm: 'xoshiro128**';
      /** The four 32-bit state words, as unsigned integers. Never all zero. */
      s: [number, number, number, number];
      /** The cached second Box–Muller normal, or `null` when none is waiting. */
      spare: number | null;
    }
  | {
      algorithm: 'mulberry32';
      /** The one 32-bit state word. */
      s: [number];
      /** The cached second Box–Muller normal, or `null` when none is waiting. */
      spare: number | null;
    };

/** What `Rng` accepts as a seed: a safe integer (negative allowed) or any string. */
export type RngSeed = number | string;

const TWO_POW_32 = 4294967296;

/** The words a seed is hashed from: integers by sign and magnitude, strings by code unit. */
function seedWords(seed: RngSeed): number[] {
  if (typeof seed === 'string') return [1, ...stringWords(seed)];
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new TypeError(
      `Rng seed must be a safe integer or a string, got ${String(seed)} (${typeof seed}). ` +
        'Use e.g. new Rng(42) or new Rng("experiment-1").',
    );
  }
  const negative = seed < 0 ? 1 : 0;
  const magnitude = Math.abs(seed);
  return [0, negative, magnitude >>> 0, Math.floor(magnitude / TWO_POW_32) >>> 0];
}

/**
 * Checks a saved state and returns its words and cached normal.
 *
 * @throws TypeError naming the bad field when `state` is not a valid generator state.
 */
export function checkRngState(state: RngState, where: string): { s: number[]; spare: number | null } {
  if (state === null || typeof state !== 'object') throw new TypeError(`${where}: state must be an object, got ${String(state)}.`);
  const algorithm = state.algorithm as string;
  if (algorithm !== 'xoshiro128**' && algorithm !== 'mulberry32') {
    throw new TypeError(`${where}: state.algorithm must be 'xoshiro128**' or 'mulberry32', got ${JSON.stringify(algorithm)}.`);
  }
  const words = algorithm === 'mulberry32' ? 1 : 4;
  const s = state.s as number[];
  if (!Array.isArray(s) || s.length !== words || !s.every((w) => Number.isInteger(w) && w >= 0 && w < TWO_POW_32)) {
    const want = words === 1 ? 'one unsigned 32-bit integer' : 'four unsigned 32-bit integers';
    throw new TypeError(`${where}: state.s must be ${want} for ${algorithm}, got ${JSON.stringify(s)}.`);
  }
  if (words === 4 && s.every((w) => w === 0)) throw new TypeError(`${where}: state.s is all zero, which xoshiro128** never reaches.`);
  const spare = state.spare ?? null;
  if (spare !== null && !Number.isFinite(spare)) {
    throw new TypeError(`${where}: state.spare must be a finite number or null, got ${String(spare)}.`);
  }
  return { s, spare };
}

/**
 * The first state words for `seed`: four mixed words for xoshiro128**, or for mulberry32 the one word
 * {@link hashString} gives the seed's text (any finite number is allowed there, as it always was).
 *
 * @throws TypeError naming the seed or the algorithm when either is not accepted.
 */
export function initialWords(seed: RngSeed, algorithm: RngAlgorithm): number[] {
  if (algorithm === 'xoshiro128**') return mixWords(seedWords(seed));
  if (algorithm !== 'mulberry32') {
    throw new TypeError(`Rng algorithm must be 'xoshiro128**' or 'mulberry32', got ${JSON.stringify(algorithm)}.`);
  }
  if (typeof seed !== 'string' && !(typeof seed === 'number' && Number.isFinite(seed))) {
    throw new TypeError(`Rng seed must be a finite number or a string, got ${String(seed)} (${typeof seed}).`);
  }
  return [hashString(String(seed))];
}
