/**
 * The 32-bit hashing that seeds GIRL's generators: murmur3's finaliser, a word mixer that turns any list
 * of words into 128 bits of state, and an FNV-1a string hash. Pure integer arithmetic, so every platform
 * gives the same numbers.
 */

const GOLDEN = 0x9e3779b9;

/** murmur3's 32-bit finaliser: a bijection on uint32 with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Hashes a list of uint32 words into 128 bits (four independent lanes, then two rounds of cross-lane
 * mixing). Never returns four zeros, which is xoshiro's one fixed point.
 */
export function mixWords(words: readonly number[]): [number, number, number, number] {
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
  if ((h[0]! | h[1]! | h[2]! | h[3]!) === 0) h[0] = 1;
  return [h[0]!, h[1]!, h[2]!, h[3]!];
}

/** The UTF-16 code units of `text`, one word each. */
export function stringWords(text: string): number[] {
  const words: number[] = [];
  for (let i = 0; i < text.length; i++) words.push(text.charCodeAt(i));
  return words;
}

/**
 * 32-bit FNV-1a hash of a string, mixed with `seed` and finished with murmur3's finaliser so that near
 * strings give far hashes. Deterministic and platform independent: it derives seeds and orders groups
 * in splits.
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
  return fmix32(h);
}
