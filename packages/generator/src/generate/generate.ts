/**
 * Text generation like Hugging Face `generate()`: greedy or sampled (temperature, top-k, top-p,
 * repetition penalty), a batch of prompts of different lengths (left padding), a KV cache, stop at EOS,
 * seeds, and per-token log-probs for PPO.
 *
 * One decoding step = one forward (only the new token with the cache) + one `dataSync` of the last
 * position's logits for the whole batch; the processors and sampling run on the host.
 */
import { Rng } from '@girl/core';
import { tf } from '@girl/tensor';
import type { Tokenizer } from '@girl/tokenizer';
import type { CausalLM } from '../model/causal-lm.js';
import { KVCache } from '../model/kv-cache.js';
import { openFastDecoder } from '../model/fast-decode.js';
import type { FastDecoder } from '../model/fast-decode.js';
import { sftPrompt, templateIds } from '../sft/template.js';
import { argmax, logProbOf, processLogits, sampleFromLogits } from './sampling.js';
import type { SamplingSettings } from './sampling.js';

/** Options of {@link generate} (HF `generate()` names in camelCase). */
export interface GenerateOptions extends SamplingSettings {
  /** Tokens to generate at most per prompt. Default `64`. */
  maxNewTokens?: number;
  /** Seed of the sampling streams (row `i` draws from its own fork, so rows do not disturb each other). Default `0`. */
  seed?: number | string;
  /** Stop a row at its first `<|eos|>` (the EOS is kept, nothing after it is real). Default `true`. */
  stopAtEos?: boolean;
  /**
   * Reuse past keys/values (one new token per forward). Default `true`. `false` re-runs the whole
   * sequence every step (slow; a reference for tests and benchmarks).
   */
  useCache?: boolean;
  /** End-of-sequence id. Default the tokenizer's `<|eos|>`. */
  eosTokenId?: number;
  /** Id fed after a row has finished, and padding. Default the tokenizer's `<|pad|>` (else EOS). */
  padTokenId?: number;
}

/** What {@link generate} returns. Per-row arrays hold only real tokens (through EOS, nothing after). */
export interface GenerateResult {
  /** Generated ids per prompt (the prompt not included), ending with EOS when `finished`. */
  tokens: number[][];
  /** Generated text per prompt, special tokens (EOS) removed. */
  texts: string[];
  /**
   * Log-probability of each generated token under the distribution it was drawn from (after the
   * repetition penalty, temperature, top-k and top-p; greedy: after the repetition penalty only).
   */
  logprobs: number[][];
  /**
   * Log-probability of each generated token under the raw model at temperature 1 (no processors):
   * `log softmax(logits)[token]`. PPO's old-policy log-probs are these.
   */
  rawLogprobs: number[][];
  /** Whether each row stopped at EOS (false: it hit `maxNewTokens`). */
  finished: boolean[];
  /** Steps taken (the longest row's length). */
  steps: number;
  /** `[B, steps]` row-major ids, `padTokenId` after a row's EOS. */
  sequences: Int32Array;
  /** `[B, steps]` 1 for real generated tokens (EOS included), 0 after EOS. */
  mask: Uint8Array;
  /** The prompt ids of each row (unpadded). */
  promptTokens: number[][];
}

/** One decoding step, as {@link decodeSteps} yields it. */
export interface DecodeStep {
  /** 0-based step index. */
  step: number;
  /** The token each row got this step (`padTokenId` for rows already finished). */
  tokens: Int32Array;
  /** 1 where the token is real (the row had not finished before this step). */
  real: Uint8Array;
  logprobs: Float64Array;
  rawLogprobs: Float64Array;
  /** Rows finished so far (after this step). */
  finished: readonly boolean[];
}

/** Encodes prompts (strings are encoded with special-token text allowed, so templates work). */
export function encodePrompts(tok: Tokenizer, prompts: readonly string[] | readonly (readonly number[])[]): number[][] {
  if (!Array.isArray(prompts) || prompts.length === 0) throw new Error('generate: prompts must be a non-empty array of strings or of id arrays.');
  return prompts.map((p, i) => {
    const ids = typeof p === 'string' ? tok.encode(p, { allowedSpecial: 'all' }) : Array.from(p as readonly number[]);
    if (ids.length === 0) throw new Error(`generate: prompt ${i} is empty; give at least one token (e.g. <|bos|>).`);
    return ids;
  });
}

/**
 * The decoding loop as a generator of steps (what {@link generate} and {@link generateStream} run).
 * The KV cache is freed when the loop ends or the consumer stops early.
 */
export function* decodeSteps(model: CausalLM, prompts: number[][], options: GenerateOptions & { eosTokenId: number; padTokenId: number }): Generator<DecodeStep> {
  const { vocabSize: V, contextLength } = model.config;
  const B = prompts.length;
  const maxNew = options.maxNewTokens ?? 64;
  const useCache = options.useCache ?? true;
  const stopAtEos = options.stopAtEos ?? true;
  const { eosTokenId: eos, padTokenId: pad } = options;
  if (!Number.isInteger(maxNew) || maxNew < 0) throw new RangeError(`generate: maxNewTokens must be an integer >= 0, got ${maxNew}.`);
  const P = Math.max(...prompts.map((p) => p.length));
  if (P + maxNew > contextLength) {
    throw new RangeError(
      `generate: the longest prompt (${P} tokens) + maxNewTokens (${maxNew}) exceeds the model's contextLength (${contextLength}); ` +
        'shorten the prompt (sftPrompt(tok, cv, { maxPromptTokens })) or lower maxNewTokens.',
    );
  }
  for (const [i, p] of prompts.entries()) {
    for (const id of p) if (!Number.isInteger(id) || id < 0 || id >= V) throw new RangeError(`generate: prompt ${i} has id ${id}, outside [0, ${V}).`);
  }
  const settings: SamplingSettings = options;
  if (settings.doSample && settings.temperature !== undefined && !(settings.temperature > 0)) {
    throw new RangeError(`generate: temperature must be > 0 when sampling, got ${settings.temperature} (use doSample: false for greedy).`);
  }
  const root = new Rng(options.seed ?? 0);
  const rngs = prompts.map((_, b) => root.fork(`row-${b}`));
  // host copies of every row: left-padded ids and mask, width P + maxNew
  const W = P + maxNew;
  const ids = new Int32Array(B * W).fill(pad);
  const mask = new Float32Array(B * W);
  const seen = prompts.map((p) => [...p]);
  for (let b = 0; b < B; b++) {
    const p = prompts[b] as number[];
    ids.set(p, b * W + P - p.length);
    mask.fill(1, b * W + P - p.length, b * W + P);
  }
  const finished = new Array<boolean>(B).fill(false);
  // the KV cache: one fused native call per step on the native backend, else the model's tfjs forward
  const fast = useCache ? openFastDecoder(model, B, W) : null;
  const cache = useCache && !fast ? new KVCache(model.config.nLayer, B) : null;
  try {
    for (let step = 0; step < maxNew; step++) {
      const T = P + step; // tokens known so far
      // 1. one forward: the prompt (prefill) or the newest token (cache), or everything (no cache)
      const logits = fast ? null : tf.tidy(() => {
        let x: { ids: Int32Array; mask: Float32Array; t: number };
        if (cache && step > 0) x = columns(ids, mask, B, W, T - 1, T);
        else x = columns(ids, mask, B, W, 0, T);
        const out = model.forward(tf.tensor2d(x.ids, [B, x.t], 'int32'), {
          attentionMask: tf.tensor2d(x.mask, [B, x.t]),
          ...(cache ? { cache } : {}),
          lastOnly: true,
        }); // [B, 1, V]
        return tf.reshape(out, [B, V]);
      });
      // 2. one read for the whole batch (the fused decoder returns host logits)
      const data = logits ? (logits.dataSync() as Float32Array) : fastStep(fast as FastDecoder, ids, mask, B, W, step > 0 ? T - 1 : 0, T);
      logits?.dispose();
      // 3. process and pick per row on the host
      const tokens = new Int32Array(B);
      const real = new Uint8Array(B);
      const lps = new Float64Array(B);
      const raws = new Float64Array(B);
      for (let b = 0; b < B; b++) {
        if (finished[b]) {
          tokens[b] = pad;
          continue;
        }
        const row = data.slice(b * V, (b + 1) * V);
        const processed = processLogits(Float32Array.from(row), seen[b] as number[], settings, (prompts[b] as number[]).length);
        const t = settings.doSample ? sampleFromLogits(processed, rngs[b] as Rng) : argmax(processed);
        tokens[b] = t;
        real[b] = 1;
        lps[b] = logProbOf(processed, t);
        raws[b] = logProbOf(row, t);
        (seen[b] as number[]).push(t);
        if (stopAtEos && t === eos) finished[b] = true;
      }
      for (let b = 0; b < B; b++) {
        ids[b * W + T] = tokens[b] as number;
        mask[b * W + T] = real[b] as number;
      }
      yield { step, tokens, real, logprobs: lps, rawLogprobs: raws, finished };
      if (finished.every(Boolean)) break;
    }
  } finally {
    cache?.dispose();
    fast?.dispose();
  }
}

/** One fused-decoder forward over columns [from, to) of the host ids/mask. */
function fastStep(fast: FastDecoder, ids: Int32Array, mask: Float32Array, B: number, W: number, from: number, to: number): Float32Array {
  const x = columns(ids, mask, B, W, from, to);
  return fast.step(x.ids, x.mask, x.t);
}

/** Columns [from, to) of the host ids/mask (also used by decode-on-device.ts). */
export function columns(ids: Int32Array, mask: Float32Array, B: number, W: number, from: number, to: number): { ids: Int32Array; mask: Float32Array; t: number } {
  const t = to - from;
  const oi = new Int32Array(B * t);
  const om = new Float32Array(B * t);
  for (let b = 0; b < B; b++) {
    oi.set(ids.subarray(b * W + from, b * W + to), b * t);
    om.set(mask.subarray(b * W + from, b * W + to), b * t);
  }
  return { ids: oi, mask: om, t };
}

/** Resolves EOS/pad ids from options or the tokenizer. */
export function specialIdsFor(tok: Tokenizer, options: GenerateOptions): { eosTokenId: number; padTokenId: number } {
  const eos = options.eosTokenId ?? tok.eosId;
  if (eos === undefined) throw new Error('generate: the tokenizer has no <|eos|>; pass eosTokenId.');
  return { eosTokenId: eos, padTokenId: options.padTokenId ?? tok.padId ?? eos };
}

/**
 * Generates continuations for a batch of prompts.
 *
 * @param prompts strings (encoded with special-token text allowed, e.g. `'<|bos|><|cv|>…'`) or id arrays
 * @example
 * ```ts
 * const out = generate(model, tok, [sftPrompt(tok, cvA), sftPrompt(tok, cvB)], {
 *   maxNewTokens: 128, doSample: true, temperature: 0.8, topP: 0.95, seed: 7,
 * });
 * out.texts[0];       // the JD written for cvA
 * out.rawLogprobs[0]; // per-token log-probs under the model (PPO)
 * ```
 */
export function generate(
  model: CausalLM,
  tok: Tokenizer,
  prompts: readonly string[] | readonly (readonly number[])[],
  options: GenerateOptions = {},
): GenerateResult {
  const promptTokens = encodePrompts(tok, prompts);
  const B = promptTokens.length;
  const special = specialIdsFor(tok, options);
  const tokens = promptTokens.map(() => [] as number[]);
  const logprobs = promptTokens.map(() => [] as number[]);
  const rawLogprobs = promptTokens.map(() => [] as number[]);
  let finished: readonly boolean[] = new Array<boolean>(B).fill(false);
  const stepsTokens: Int32Array[] = [];
  const stepsReal: Uint8Array[] = [];
  for (const s of decodeSteps(model, promptTokens, { ...options, ...special })) {
    stepsTokens.push(s.tokens);
    stepsReal.push(s.real);
    for (let b = 0; b < B; b++) {
      if (!s.real[b]) continue;
      (tokens[b] as number[]).push(s.tokens[b] as number);
      (logprobs[b] as number[]).push(s.logprobs[b] as number);
      (rawLogprobs[b] as number[]).push(s.rawLogprobs[b] as number);
    }
    finished = s.finished;
  }
  const steps = stepsTokens.length;
  const sequences = new Int32Array(B * steps);
  const mask = new Uint8Array(B * steps);
  for (let t = 0; t < steps; t++) {
    for (let b = 0; b < B; b++) {
      sequences[b * steps + t] = (stepsTokens[t] as Int32Array)[b] as number;
      mask[b * steps + t] = (stepsReal[t] as Uint8Array)[b] as number;
    }
  }
  return {
    tokens,
    texts: tokens.map((t) => tok.decode(t, { skipSpecial: true })),
    logprobs,
    rawLogprobs,
    finished: [...finished],
    steps,
    sequences,
    mask,
    promptTokens,
  };
}

/**
 * Writes a JD for each CV: builds the SFT prompt (`<|bos|><|cv|>{cv}<|sep|><|jd|>`, the CV cut head +
 * tail to leave room for `maxNewTokens`) and generates.
 *
 * @example
 * ```ts
 * const { texts } = generateJd(model, tok, [cvText], { maxNewTokens: 160 });
 * ```
 */
export function generateJd(model: CausalLM, tok: Tokenizer, cvs: readonly string[], options: GenerateOptions = {}): GenerateResult {
  templateIds(tok);
  const maxNew = options.maxNewTokens ?? 64;
  const maxPromptTokens = model.config.contextLength - maxNew;
  return generate(model, tok, cvs.map((cv) => sftPrompt(tok, cv, { maxPromptTokens })), options);
}
