/**
 * A seeded pseudo-random number generator: xoshiro128** (Blackman & Vigna, 2018), seeded through a
 * murmur3-style mixer so that nearby seeds (0, 1, 2, …) give unrelated streams.
 *
 * Why our own generator: `Math.random` cannot be seeded, and tfjs's random ops draw on the backend, so
 * the same seed gives different numbers on `cpu`, `wasm` and `webgl`. Everything random in GIRL (weight
 * init, data shuffling, dropout masks, sampling) draws from an {@link Rng} instead, so a run is
 * reproducible bit for bit on every backend, and its state fits in a checkpoint as plain JSON.
 */

/** Plain, JSON-able state of an {@link Rng}; {@link Rng.setState} resumes exactly where it left off. */
export interface RngState {
  /** Always `'xoshiro128**'`; checked on restore so a state from another generator is refused. */
  algorithm: 'xoshiro128**';
  /** The four 32-bit state words, as unsigned integers. Never all zero. */
  s: [number, number, number, number];
  /** The cached second Box–Muller normal, or `null` when none is waiting. */
  spare: number | null;
}

/** What {@link Rng} accepts as a seed: a safe integer (negative allowed) or any string. */
export type RngSeed = number | string;

const GOLDEN = 0x9e3779b9;
const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** murmur3's 32-bit finaliser: a bijection on uint32 with full avalanche. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Hashes a list of uint32 words into 128 bits of generator state (four independent lanes, then two
 * rounds of cross-lane mixing). Used for seeding and for {@link Rng.fork}.
 */
function mixWords(words: readonly number[]): [number, number, number, number] {
  const h = [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344];
  const absorb = (w: number): void => {
    for (let i = 0; i < 4; i++) {
      h[i] = fmix32(((h[i]! ^ w) + Math.imul(i + 1, GOLDEN)) >>> 0);
    }
  };
  for (const w of words) absorb(w >>> 0);
  absorb(words.length);
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < 4; i++) h[i] = fmix32((h[i]! + h[(i + 1) % 4]! + Math.imul(round + 1, GOLDEN)) >>> 0);
  }
  if ((h[0]! | h[1]! | h[2]! | h[3]!) === 0) h[0] = 1; // the all-zero state is xoshiro's one fixed point
  return [h[0]!, h[1]!, h[2]!, h[3]!];
}

function stringWords(text: string): number[] {
  const words: number[] = [];
  for (let i = 0; i < text.length; i++) words.push(text.charCodeAt(i));
  return words;
}

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

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Seeded, fast, reproducible PRNG (xoshiro128**, period 2^128 − 1, passes BigCrush).
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
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spare: number | null = null;

  /** @param seed a safe integer or a string; equal seeds give equal streams on every platform. */
  constructor(seed: RngSeed) {
    this.load(mixWords(seedWords(seed)));
  }

  /**
   * Makes an Rng that continues from a saved state.
   *
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

  private load(s: readonly [number, number, number, number]): void {
    this.s0 = s[0] >>> 0;
    this.s1 = s[1] >>> 0;
    this.s2 = s[2] >>> 0;
    this.s3 = s[3] >>> 0;
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
    const child = new Rng(0);
    child.load(mixWords([2, this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0, ...stringWords(label)]));
    return child;
  }

  /**
   * A copy of the state as plain JSON-able data.
   *
   * @example
   * ```ts
   * await writeJsonAtomic('state.json', { step, rng: rng.getState() });
   * ```
   */
  getState(): RngState {
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
   * @throws TypeError when `state` is not a valid xoshiro128** state (the message says which field).
   * @example
   * ```ts
   * rng.setState(JSON.parse(text).rng);
   * ```
   */
  setState(state: RngState): void {
    const where = 'Rng.setState';
    if (state === null || typeof state !== 'object') throw new TypeError(`${where}: state must be an object, got ${String(state)}.`);
    if (state.algorithm !== 'xoshiro128**') {
      throw new TypeError(`${where}: state.algorithm must be 'xoshiro128**', got ${JSON.stringify(state.algorithm)}.`);
    }
    const s = state.s;
    if (!Array.isArray(s) || s.length !== 4 || !s.every((w) => Number.isInteger(w) && w >= 0 && w < TWO_POW_32)) {
      throw new TypeError(`${where}: state.s must be four unsigned 32-bit integers, got ${JSON.stringify(s)}.`);
    }
    if (s.every((w) => w === 0)) throw new TypeError(`${where}: state.s is all zero, which xoshiro128** never reaches.`);
    const spare = state.spare ?? null;
    if (spare !== null && !Number.isFinite(spare)) {
      throw new TypeError(`${where}: state.spare must be a finite number or null, got ${String(spare)}.`);
    }
    this.load(s as [number, number, number, number]);
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
