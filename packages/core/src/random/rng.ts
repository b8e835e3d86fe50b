/**
 * GIRL's one seeded pseudo-random number generator.
 *
 * Why our own: `Math.random` cannot be seeded, and tfjs's random ops draw on the backend, so one seed
 * gives different numbers on `cpu`, `wasm` and `webgl`. Everything random in GIRL (weight init, data
 * order, dropout masks, sampling, the synthetic market) draws from an {@link Rng}, so a run repeats bit
 * for bit on every backend, and its state fits in a checkpoint as plain JSON.
 *
 * Two bit sources, one API:
 * - `'xoshiro128**'` (Blackman & Vigna, 2018; the default): period 2^128 − 1, seeded through a
 *   murmur3-style mixer so that nearby seeds give unrelated streams.
 * - `'mulberry32'`: a 32-bit-state generator kept because the synthetic job market and the RJDB split
 *   were built on it; their published figures depend on its exact stream (see {@link createRng}).
 */
import { mixWords, stringWords } from './hash.js';
import type { RngAlgorithm, RngSeed, RngState } from './rng-state.js';
import { checkRngState, initialWords } from './rng-state.js';

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Seeded, fast, reproducible PRNG (xoshiro128** by default; `'mulberry32'` on request).
 *
 * @example
 * ```ts
 * const rng = new Rng(42);
 * rng.uniform();            // a double in [0, 1)
 * rng.normal(0, 0.02);      // a Gaussian draw
 * rng.int(10);              // 0..9, unbiased
 * rng.shuffle([1, 2, 3]);   // in place
 * const data = rng.fork('data'); // an independent stream for data order
 * const saved = rng.getState();  // plain JSON: put it in state.json
 * ```
 */
export class Rng {
  /** True on the mulberry32 source (state in s0 only); setState may switch it. */
  private mulberry = false;
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spare: number | null = null;

  /**
   * @param seed a safe integer or a string; equal seeds give equal streams on every platform. The
   *   `'mulberry32'` source also takes any finite number, hashed through its decimal text.
   * @param algorithm the bit source, default `'xoshiro128**'`; `'mulberry32'` only to reproduce
   *   streams made with it (the synthetic market).
   */
  constructor(seed: RngSeed, algorithm: RngAlgorithm = 'xoshiro128**') {
    this.load(initialWords(seed, algorithm));
  }

  /** The bit source this generator runs on. */
  get algorithm(): RngAlgorithm {
    return this.mulberry ? 'mulberry32' : 'xoshiro128**';
  }

  /**
   * Makes an Rng that continues from a saved state.
   * @example
   * ```ts
   * const resumed = Rng.fromState(JSON.parse(text).rng);
   * ```
   */
  static fromState(state: RngState): Rng {
    const rng = new Rng(0);
    rng.setState(state);
    return rng;
  }

  /** Loads one word (mulberry32) or four (xoshiro128**) and clears the cached normal. */
  private load(s: readonly number[]): void {
    this.mulberry = s.length === 1;
    this.s0 = s[0]! >>> 0;
    this.s1 = (s[1] ?? 0) >>> 0;
    this.s2 = (s[2] ?? 0) >>> 0;
    this.s3 = (s[3] ?? 0) >>> 0;
    this.spare = null;
  }

  /**
   * The next 32-bit unsigned integer in [0, 2^32).
   *
   * @example
   * ```ts
   * new Rng(1).next(); // an integer in [0, 4294967295]
   * ```
   */
  next(): number {
    if (this.mulberry) {
      this.s0 = (this.s0 + 0x6d2b79f5) >>> 0;
      let t = this.s0;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return (t ^ (t >>> 14)) >>> 0;
    }
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /**
   * A uniform double in [0, 1) with 53 random bits (every representable multiple of 2^-53).
   *
   * @example
   * ```ts
   * if (rng.uniform() < 0.1) dropThisExample();
   * ```
   */
  uniform(): number {
    const hi = this.next() >>> 5; // 27 bits
    const lo = this.next() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / TWO_POW_53;
  }

  /**
   * A Gaussian draw (Box–Muller; the second value of each pair is cached, and the cache is part of the
   * saved state, so a resumed stream is identical).
   *
   * @param mean default 0
   * @param std standard deviation, default 1
   * @example
   * ```ts
   * const w = rng.normal(0, 0.02); // GPT-2 style init scale
   * ```
   */
  normal(mean = 0, std = 1): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + std * z;
    }
    const u1 = 1 - this.uniform(); // (0, 1]: log never sees 0
    const u2 = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    this.spare = r * Math.sin(theta);
    return mean + std * r * Math.cos(theta);
  }

  /**
   * An unbiased integer in [0, n) (rejection sampling, no modulo bias).
   *
   * @param n a positive safe integer (up to 2^53)
   * @example
   * ```ts
   * const i = rng.int(array.length);
   * ```
   */
  int(n: number): number {
    if (!Number.isSafeInteger(n) || n <= 0) {
      throw new RangeError(`Rng.int(n) needs a positive safe integer n, got ${String(n)}.`);
    }
    if (n <= TWO_POW_32) {
      // Largest multiple of n that fits in 32 bits: draws at or above it are rejected.
      const limit = TWO_POW_32 - (TWO_POW_32 % n);
      for (;;) {
        const x = this.next();
        if (x < limit) return x % n;
      }
    }
    const limit = TWO_POW_53 - (TWO_POW_53 % n);
    for (;;) {
      const x = (this.next() >>> 5) * 67108864 + (this.next() >>> 6);
      if (x < limit) return x % n;
    }
  }

  /**
   * Shuffles `array` in place (Fisher–Yates) and returns it.
   *
   * @example
   * ```ts
   * const order = rng.shuffle([...Array(n).keys()]);
   * ```
   */
  shuffle<T>(array: T[]): T[] {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = array[i]!;
      array[i] = array[j]!;
      array[j] = tmp;
    }
    return array;
  }

  /**
   * One element of `array`, uniformly.
   *
   * @throws RangeError on an empty array.
   * @example
   * ```ts
   * const template = rng.choice(['A', 'B', 'C']);
   * ```
   */
  choice<T>(array: readonly T[]): T {
    if (array.length === 0) throw new RangeError('Rng.choice() was given an empty array; there is nothing to choose.');
    return array[this.int(array.length)]!;
  }

  /**
   * An independent child generator for one purpose, derived from this generator's current state and
   * `label`. It does not advance this generator, so adding a fork never changes the parent's numbers;
   * the same label at the same parent state always gives the same child.
   *
   * @example
   * ```ts
   * const root = new Rng(seed);
   * const initRng = root.fork('init');
   * const dataRng = root.fork('data'); // unrelated to initRng
   * ```
   */
  fork(label: string): Rng {
    if (this.mulberry) return new Rng(`${this.s0}:${label}`, 'mulberry32');
    const child = new Rng(0);
    child.load(mixWords([2, this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0, ...stringWords(label)]));
    return child;
  }

  /**
   * A copy of the state as plain JSON-able data.
   * @example
   * ```ts
   * await writeJsonAtomic('state.json', { step, rng: rng.getState() });
   * ```
   */
  getState(): RngState {
    if (this.mulberry) return { algorithm: 'mulberry32', s: [this.s0], spare: this.spare };
    return {
      algorithm: 'xoshiro128**',
      s: [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0],
      spare: this.spare,
    };
  }

  /**
   * Restores a state from {@link getState}; the next draws equal those the saved generator would have
   * made.
   *
   * @throws TypeError when `state` is not a valid generator state (the message says which field).
   * @example
   * ```ts
   * rng.setState(JSON.parse(text).rng);
   * ```
   */
  setState(state: RngState): void {
    const { s, spare } = checkRngState(state, 'Rng.setState');
    this.load(s);
    this.spare = spare;
  }

  /**
   * Fills `out` with Gaussian draws (`mean + std * z`) and returns it. The values depend only on the
   * generator state, never on the backend, so weights initialised from it are identical everywhere.
   *
   * @example
   * ```ts
   * const w = rng.fillNormal(new Float32Array(768 * 768), 0.02);
   * ```
   */
  fillNormal(out: Float32Array | Float64Array, std = 1, mean = 0): typeof out {
    for (let i = 0; i < out.length; i++) out[i] = this.normal(mean, std);
    return out;
  }

  /**
   * Fills `out` with uniform draws in [low, high) and returns it. A `Float32Array` gets 24-bit uniforms
   * (exact in float32, so [0, 1) never yields 1); for other ranges float32 rounding of
   * `low + (high - low) * u` can, rarely, give `high` itself.
   *
   * @example
   * ```ts
   * const noise = rng.fillUniform(new Float32Array(16), -0.1, 0.1);
   * ```
   */
  fillUniform(out: Float32Array | Float64Array, low = 0, high = 1): typeof out {
    const width = high - low;
    if (out instanceof Float32Array) {
      for (let i = 0; i < out.length; i++) out[i] = low + width * ((this.next() >>> 8) / 16777216);
    } else {
      for (let i = 0; i < out.length; i++) out[i] = low + width * this.uniform();
    }
    return out;
  }
}
