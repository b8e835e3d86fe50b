/**
 * Batching for SFT: batches grouped by length (so little compute goes to padding) and collated with
 * dynamic right padding to the batch's own longest example.
 */
import type { SftExample } from './template.js';
import type { Rng } from '@girl/core';

/** A collated training batch (host arrays, row-major `[B, T]`). */
export interface SftBatch {
  /** Input ids `ids[0 … T−1]`, `padId` after each row's end. */
  inputs: Int32Array;
  /** Next-token targets `ids[1 … T]` (`padId` after the end). */
  targets: Int32Array;
  /** 1 where the target is a JD token or EOS, 0 on prompt and padding. */
  lossMask: Float32Array;
  /** `[B, T]`: T is the batch's longest example minus one. */
  shape: [number, number];
  /** Real (non-padding) input tokens. */
  tokens: number;
  /** Targets the loss counts (Σ lossMask). */
  targetTokens: number;
}

/**
 * Collates examples with right padding to the longest one (training needs no attention mask: causal
 * attention never lets a real token see the padding to its right).
 *
 * @example
 * ```ts
 * const b = collate([exA, exB], tok.padId!); // b.shape = [2, max(len) - 1]
 * ```
 */
export function collate(examples: readonly SftExample[], padId: number): SftBatch {
  if (examples.length === 0) throw new Error('collate: no examples.');
  const B = examples.length;
  const T = Math.max(...examples.map((e) => e.ids.length)) - 1;
  if (T < 1) throw new Error('collate: every example needs at least 2 tokens.');
  const inputs = new Int32Array(B * T).fill(padId);
  const targets = new Int32Array(B * T).fill(padId);
  const lossMask = new Float32Array(B * T);
  let tokens = 0;
  let targetTokens = 0;
  examples.forEach((e, b) => {
    const n = e.ids.length - 1;
    inputs.set(e.ids.subarray(0, n), b * T);
    targets.set(e.ids.subarray(1), b * T);
    for (let t = 0; t < n; t++) {
      const m = e.targetMask[t + 1] as number;
      lossMask[b * T + t] = m;
      targetTokens += m;
    }
    tokens += n;
  });
  return { inputs, targets, lossMask, shape: [B, T], tokens, targetTokens };
}

/**
 * Batches of example indices grouped by length.
 *
 * With an `rng` (training): shuffle, cut into mega-batches of `batchSize · megaBatchFactor`, sort each by
 * length, cut into batches, shuffle the batch order (Hugging Face's `group_by_length`): batches hold
 * examples of similar length yet every epoch is a different, reproducible order. Without (evaluation):
 * sorted by length, deterministic.
 *
 * @example
 * ```ts
 * lengthGroupedBatches([5, 9, 6, 8], 2, null); // [[0, 2], [3, 1]]
 * ```
 */
export function lengthGroupedBatches(lengths: readonly number[], batchSize: number, rng: Rng | null, megaBatchFactor = 50): number[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}.`);
  const idx = lengths.map((_, i) => i);
  const byLength = (a: number, b: number) => (lengths[a] as number) - (lengths[b] as number) || a - b;
  const cut = (xs: number[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));
  if (!rng) return cut(idx.sort(byLength), batchSize);
  rng.shuffle(idx);
  const batches = cut(idx, batchSize * megaBatchFactor).flatMap((mega) => cut(mega.sort(byLength), batchSize));
  return rng.shuffle(batches);
}
