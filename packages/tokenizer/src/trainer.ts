/**
 * BPE training: learn merges from chunk counts.
 *
 * Works on unique chunks with their counts, keeps a count for every adjacent pair, and a max-heap of
 * pairs by count with lazy invalidation. Each merge touches only the chunks that contain the merged pair
 * (found through a per-pair list of chunk indices), adjusting the counts of the pairs around each
 * occurrence. That makes a merge cost proportional to where the pair occurs, not to the corpus.
 *
 * Ids here are internal: 0..255 are bytes, 256 + k is the token made by merge k.
 *
 * @example
 * ```ts
 * // "ab" x3, "abc" x1 -> first merge (a, b) with count 4
 * learnMerges(new Map([['ab', 3], ['abc', 1]]), 2); // Int32Array [97, 98, 256, 99]
 * ```
 * @module
 */

import { MaxHeap } from './max-heap.js';
import { PairCounts } from './pair-counts.js';
import { encodeWtf8Into, maxWtf8Length } from './wtf8.js';

/** Progress reported during training. */
export interface TrainProgress {
  /** Merges learned so far. */
  merges: number;
  /** Merges asked for. */
  target: number;
  /** How often the pair merged last occurred. */
  count: number;
}

/** Options of {@link learnMerges}. */
export interface LearnMergesOptions {
  /** Stop when the most frequent pair occurs fewer times than this. Default 2: a pair seen once teaches nothing. */
  minFrequency?: number;
  /** Called every `progressEvery` merges and after the last one. */
  onProgress?: (p: TrainProgress) => void;
  /** Default 500. */
  progressEvery?: number;
}

/**
 * Learns up to `numMerges` merges from `chunkCounts` (chunk text -> occurrences). Returns flat `[a, b]`
 * pairs in internal ids: merge k joins `a` and `b` into `256 + k`. Deterministic: ties in count go to the
 * pair with the smaller `(a, b)`.
 */
export function learnMerges(chunkCounts: ReadonlyMap<string, number>, numMerges: number, options: LearnMergesOptions = {}): Int32Array {
  const minFrequency = Math.max(1, options.minFrequency ?? 2);
  const progressEvery = options.progressEvery ?? 500;
  const K = 256 + numMerges; // pair key = a * K + b
  // 1. Unique chunks as byte sequences.
  const words: Int32Array[] = [];
  const lengths: number[] = [];
  const counts: number[] = [];
  let buf = new Uint8Array(1024);
  for (const [chunk, count] of chunkCounts) {
    if (maxWtf8Length(chunk.length) > buf.length) buf = new Uint8Array(maxWtf8Length(chunk.length) * 2);
    const n = encodeWtf8Into(chunk, buf);
    if (n < 2) continue; // a single byte never merges
    const w = new Int32Array(n);
    for (let i = 0; i < n; i++) w[i] = buf[i]!;
    words.push(w);
    lengths.push(n);
    counts.push(count);
  }
  // 2. Count every adjacent pair and remember which chunks hold it.
  const pairs = new PairCounts(1 << 16);
  for (let w = 0; w < words.length; w++) {
    const word = words[w]!;
    const c = counts[w]!;
    for (let i = 0; i + 1 < word.length; i++) {
      const s = pairs.slot(word[i]! * K + word[i + 1]!);
      pairs.add(s, c);
      pairs.note(s, w);
    }
  }
  // 3. Priority queue of pairs by count.
  const heap = new MaxHeap();
  pairs.forEachPositive((s) => heap.push(pairs.count(s), pairs.key(s)));
  const merges = new Int32Array(numMerges * 2);
  const seen = new Int32Array(words.length).fill(-1);
  const changed: number[] = [];
  let m = 0;
  const add = (key: number, delta: number, w: number): void => {
    const s = pairs.slot(key);
    pairs.add(s, delta);
    if (delta > 0) pairs.note(s, w);
    if (pairs.mark(s, m)) changed.push(key);
  };
  while (m < numMerges && heap.pop()) {
    const key = heap.topKey;
    const count = heap.topPriority;
    const top = pairs.slot(key);
    if (pairs.count(top) !== count) continue; // stale entry; the current count has its own entry
    if (count < minFrequency) break;
    // 4. Record merge m: (a, b) -> id.
    const a = Math.floor(key / K);
    const b = key - a * K;
    const id = 256 + m;
    merges[2 * m] = a;
    merges[2 * m + 1] = b;
    // 5. Rewrite every chunk that holds (a, b), adjusting the neighbouring pair counts.
    changed.length = 0;
    const holders = pairs.chunks(top);
    pairs.clearChunks(top);
    pairs.mark(pairs.slot(key), m); // its own count goes to 0; it is not re-queued
    for (let h = 0; h < holders.length; h++) {
      const w = holders[h]!;
      if (seen[w] === m) continue;
      seen[w] = m;
      const word = words[w]!;
      const c = counts[w]!;
      let n = lengths[w]!;
      let i = 0;
      while (i + 1 < n) {
        if (word[i] !== a || word[i + 1] !== b) {
          i++;
          continue;
        }
        if (i > 0) {
          const p = word[i - 1]!;
          add(p * K + a, -c, w);
          add(p * K + id, c, w);
        }
        if (i + 2 < n) {
          const q = word[i + 2]!;
          add(b * K + q, -c, w);
          add(id * K + q, c, w);
        }
        pairs.add(pairs.slot(key), -c);
        word[i] = id;
        word.copyWithin(i + 1, i + 2, n);
        n--;
        i++;
      }
      lengths[w] = n;
    }
    // 6. Queue the new counts of every pair that changed.
    for (let j = 0; j < changed.length; j++) {
      const k = changed[j]!;
      if (k === key) continue;
      const s = pairs.slot(k);
      const c = pairs.count(s);
      if (c > 0) heap.push(c, k);
      else pairs.clearChunks(s);
    }
    m++;
    if (options.onProgress && (m % progressEvery === 0 || m === numMerges)) options.onProgress({ merges: m, target: numMerges, count });
  }
  if (options.onProgress && m % progressEvery !== 0 && m !== numMerges) options.onProgress({ merges: m, target: numMerges, count: 0 });
  return merges.slice(0, 2 * m);
}
