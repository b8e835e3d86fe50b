import type { Rng } from '@girl/core';
/**
 * Logit processors and sampling on the host, on one row of logits (`Float32Array` of length V).
 * Pure helpers (in place where noted), in Hugging Face `generate()`'s order:
 * repetition penalty → temperature → top-k → top-p → sample (or argmax when greedy).
 */

/**
 * CTRL's repetition penalty (as HF's `RepetitionPenaltyLogitsProcessor`), in place: for every token id
 * already in the sequence, a positive logit is divided by `penalty` and a negative one multiplied, so
 * seen tokens become less likely when `penalty > 1`. Each id is penalised once however often it occurs.
 *
 * @example
 * ```ts
 * applyRepetitionPenalty(Float32Array.of(2, -2, 1), [0, 1, 1], 2); // [1, -4, 1]
 * ```
 */
export function applyRepetitionPenalty(logits: Float32Array, seen: Iterable<number>, penalty: number): Float32Array {
  if (!(penalty > 0)) throw new RangeError(`repetitionPenalty must be > 0, got ${penalty}.`);
  if (penalty === 1) return logits;
  const done = new Set<number>();
  for (const id of seen) {
    if (done.has(id) || id < 0 || id >= logits.length) continue;
    done.add(id);
    const l = logits[id] as number;
    logits[id] = l > 0 ? l / penalty : l * penalty;
  }
  return logits;
}

/**
 * Hugging Face's `no_repeat_ngram_size` (`NoRepeatNGramLogitsProcessor`), in place: every token that would
 * complete an n-gram already present in `tokens` gets logit −∞, so no n-gram occurs twice. `n <= 0` is off.
 * GIRL passes only the generated tokens (not the CV prompt), so a JD may repeat the CV's words but not itself.
 *
 * @example
 * ```ts
 * // tokens 1 2 3 1 2: the 3-gram (1, 2, 3) exists, so 3 may not follow (1, 2) again
 * applyNoRepeatNgram(Float32Array.of(0, 0, 0, 5), [1, 2, 3, 1, 2], 3); // [0, 0, 0, -Infinity]
 * ```
 */
export function applyNoRepeatNgram(logits: Float32Array, tokens: readonly number[], n: number): Float32Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`noRepeatNgramSize must be an integer >= 0, got ${n}.`);
  if (n === 0 || tokens.length < n) return logits;
  if (n === 1) {
    for (const id of tokens) if (id >= 0 && id < logits.length) logits[id] = -Infinity;
    return logits;
  }
  // 1. the (n − 1) tokens the next token would follow
  const start = tokens.length - (n - 1);
  // 2. every earlier position whose n − 1 tokens equal them bans the token that came next
  for (let i = 0; i + n - 1 < tokens.length; i++) {
    let same = true;
    for (let k = 0; k < n - 1 && same; k++) same = tokens[i + k] === tokens[start + k];
    if (!same) continue;
    const banned = tokens[i + n - 1] as number;
    if (banned >= 0 && banned < logits.length) logits[banned] = -Infinity;
  }
  return logits;
}

/**
 * Divides logits by `temperature` in place (`< 1` sharpens, `> 1` flattens).
 *
 * @example
 * ```ts
 * applyTemperature(Float32Array.of(2, 4), 2); // [1, 2]
 * ```
 */
export function applyTemperature(logits: Float32Array, temperature: number): Float32Array {
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new RangeError(`temperature must be a finite number > 0, got ${temperature} (use doSample: false for greedy decoding).`);
  }
  if (temperature !== 1) for (let i = 0; i < logits.length; i++) logits[i] = (logits[i] as number) / temperature;
  return logits;
}

/**
 * Keeps the `k` largest logits (ties with the k-th are kept, as in HF) and sets the rest to −∞, in place.
 * `k <= 0` or `k >= V` keeps everything.
 *
 * @example
 * ```ts
 * topKFilter(Float32Array.of(1, 3, 2), 2); // [-Infinity, 3, 2]
 * ```
 */
export function topKFilter(logits: Float32Array, k: number): Float32Array {
  if (!(k > 0) || k >= logits.length) return logits;
  const sorted = Float32Array.from(logits).sort(); // ascending; NaN last
  const kth = sorted[logits.length - Math.floor(k)] as number;
  for (let i = 0; i < logits.length; i++) if ((logits[i] as number) < kth) logits[i] = -Infinity;
  return logits;
}

/**
 * Nucleus filtering (Holtzman et al. 2020), in place: keeps the smallest set of most likely tokens whose
 * probabilities sum to at least `p` (at least `minKeep` tokens), and sets the rest to −∞.
 * `p >= 1` keeps everything.
 *
 * @example
 * ```ts
 * topPFilter(Float32Array.of(Math.log(0.5), Math.log(0.3), Math.log(0.2)), 0.7); // [log .5, log .3, -Infinity]
 * ```
 */
export function topPFilter(logits: Float32Array, p: number, minKeep = 1): Float32Array {
  if (!(p > 0)) throw new RangeError(`topP must be in (0, 1], got ${p}.`);
  if (p >= 1) return logits;
  const probs = softmax(logits);
  const order = Array.from(probs.keys()).sort((a, b) => (probs[b] as number) - (probs[a] as number));
  let cum = 0;
  let kept = 0;
  for (const i of order) {
    if (kept >= minKeep && cum >= p) logits[i] = -Infinity;
    else {
      cum += probs[i] as number;
      kept++;
    }
  }
  return logits;
}

/**
 * Softmax in float64 (stable: max subtracted; −∞ logits get probability 0).
 *
 * @example
 * ```ts
 * softmax(Float32Array.of(0, 0)); // Float64Array [0.5, 0.5]
 * ```
 */
export function softmax(logits: Float32Array): Float64Array {
  const out = new Float64Array(logits.length);
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if ((logits[i] as number) > max) max = logits[i] as number;
  if (max === -Infinity) throw new Error('softmax: every logit is -Infinity (all tokens filtered out).');
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const e = Math.exp((logits[i] as number) - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / sum;
  return out;
}

/**
 * `log softmax(logits)[id]` in float64, without building the whole distribution.
 *
 * @example
 * ```ts
 * logProbOf(Float32Array.of(0, 0), 1); // Math.log(0.5)
 * ```
 */
export function logProbOf(logits: Float32Array, id: number): number {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if ((logits[i] as number) > max) max = logits[i] as number;
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp((logits[i] as number) - max);
  return (logits[id] as number) - max - Math.log(sum);
}

/**
 * Index of the largest logit (the first one on ties).
 *
 * @example
 * ```ts
 * argmax(Float32Array.of(1, 3, 3)); // 1
 * ```
 */
export function argmax(logits: Float32Array): number {
  let best = 0;
  for (let i = 1; i < logits.length; i++) if ((logits[i] as number) > (logits[best] as number)) best = i;
  return best;
}

/**
 * Draws one token id from `softmax(logits)` with a seeded {@link Rng} (inverse CDF, float64).
 *
 * @example
 * ```ts
 * sampleFromLogits(Float32Array.of(0, -Infinity), new Rng(1)); // 0
 * ```
 */
export function sampleFromLogits(logits: Float32Array, rng: Rng): number {
  const probs = softmax(logits);
  const u = rng.uniform();
  let cum = 0;
  let last = -1;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i] as number;
    if (p <= 0) continue;
    cum += p;
    last = i;
    if (u < cum) return i;
  }
  return last; // rounding: u ≥ the float sum
}

/** The sampling settings {@link processLogits} applies. */
export interface SamplingSettings {
  /** Divide logits by this before sampling. Default 1. Ignored when greedy. */
  temperature?: number;
  /** Keep the k most likely tokens. Default 0 (off). */
  topK?: number;
  /** Nucleus mass. Default 1 (off). */
  topP?: number;
  /** CTRL repetition penalty over every token of the sequence so far. Default 1 (off). */
  repetitionPenalty?: number;
  /** Forbid any n-gram of this size from occurring twice in the generated tokens (HF `no_repeat_ngram_size`). Default 0 (off). */
  noRepeatNgramSize?: number;
  /** Sample (true) or take the argmax (false, greedy). Default false. */
  doSample?: boolean;
}

/**
 * Applies every processor of `settings` to one row in place, in HF's order; the result is the
 * distribution tokens are drawn from (greedy: only the repetition penalty and the n-gram ban apply).
 * `promptLength`: how many of `seen`'s first ids are the prompt, which the n-gram ban ignores.
 *
 * @example
 * ```ts
 * processLogits(row, seenIds, { doSample: true, temperature: 0.8, topK: 50, topP: 0.95 });
 * ```
 */
export function processLogits(logits: Float32Array, seen: readonly number[], settings: SamplingSettings, promptLength = 0): Float32Array {
  applyRepetitionPenalty(logits, seen, settings.repetitionPenalty ?? 1);
  if (settings.noRepeatNgramSize) applyNoRepeatNgram(logits, seen.slice(promptLength), settings.noRepeatNgramSize);
  if (!settings.doSample) return logits;
  applyTemperature(logits, settings.temperature ?? 1);
  topKFilter(logits, settings.topK ?? 0);
  topPFilter(logits, settings.topP ?? 1);
  return logits;
}
