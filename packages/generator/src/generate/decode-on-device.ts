/**
 * Decoding with the logit processing and the draw on the device: each step reads back only the chosen
 * ids and their two log-probs (`[3, B]` floats), never the `[B, V]` logits. This is the path for GPU
 * backends (on `webgpu` in Node, where synchronous reads do not exist, it is the only one); results
 * match {@link generate} up to float32 rounding (see device-sampling.ts).
 */
import { Rng } from '@girl/core';
import { tf } from '@girl/tensor';
import type { Tensor } from '@girl/tensor';
import type { Tokenizer } from '@girl/tokenizer';
import type { CausalLM } from '../model/causal-lm.js';
import { KVCache } from '../model/kv-cache.js';
import { columns, encodePrompts, generate, generateJd, specialIdsFor } from './generate.js';
import { sftPrompt, templateIds } from '../sft/template.js';
import type { DecodeStep, GenerateOptions, GenerateResult } from './generate.js';
import { logProbRows, pickRows, processRows } from './device-sampling.js';

/** The steps of one batch, as {@link decodeSteps} yields them, computed with device-side sampling. */
export async function* decodeStepsOnDevice(
  model: CausalLM,
  prompts: number[][],
  options: GenerateOptions & { eosTokenId: number; padTokenId: number },
): AsyncGenerator<DecodeStep> {
  const { vocabSize: V, contextLength } = model.config;
  const B = prompts.length;
  const maxNew = options.maxNewTokens ?? 64;
  const stopAtEos = options.stopAtEos ?? true;
  const { eosTokenId: eos, padTokenId: pad } = options;
  if (!Number.isInteger(maxNew) || maxNew < 0) throw new RangeError(`generate: maxNewTokens must be an integer >= 0, got ${maxNew}.`);
  const P = Math.max(...prompts.map((p) => p.length));
  if (P + maxNew > contextLength) {
    throw new RangeError(`generate: the longest prompt (${P} tokens) + maxNewTokens (${maxNew}) exceeds the model's contextLength (${contextLength}).`);
  }
  for (const [i, p] of prompts.entries()) {
    for (const id of p) if (!Number.isInteger(id) || id < 0 || id >= V) throw new RangeError(`generate: prompt ${i} has id ${id}, outside [0, ${V}).`);
  }
  if (options.doSample && options.temperature !== undefined && !(options.temperature > 0)) {
    throw new RangeError(`generate: temperature must be > 0 when sampling, got ${options.temperature} (use doSample: false for greedy).`);
  }
  const root = new Rng(options.seed ?? 0);
  const rngs = prompts.map((_, b) => root.fork(`row-${b}`));
  // 1. host copies of the left-padded ids and mask (width P + maxNew); the seen-ids mask lives on the device
  const W = P + maxNew;
  const ids = new Int32Array(B * W).fill(pad);
  const mask = new Float32Array(B * W);
  const seenInit = new Float32Array(B * V);
  for (let b = 0; b < B; b++) {
    const p = prompts[b] as number[];
    ids.set(p, b * W + P - p.length);
    mask.fill(1, b * W + P - p.length, b * W + P);
    for (const id of p) seenInit[b * V + id] = 1;
  }
  const penalty = options.repetitionPenalty ?? 1;
  let seen: Tensor | null = penalty !== 1 ? tf.keep(tf.tensor2d(seenInit, [B, V])) : null; // [B, V]
  const finished = new Array<boolean>(B).fill(false);
  const cache = (options.useCache ?? true) ? new KVCache(model.config.nLayer, B) : null;
  try {
    for (let step = 0; step < maxNew; step++) {
      const T = P + step;
      // 2. uniforms for the rows still going, from each row's own stream (as the host sampler draws them)
      const u = new Float32Array(B);
      if (options.doSample) for (let b = 0; b < B; b++) if (!finished[b]) u[b] = (rngs[b] as Rng).uniform();
      // 3. forward, process, pick and score on the device: [3, B] = ids, processed and raw log-probs
      const picked = tf.tidy(() => {
        const x = cache && step > 0 ? columns(ids, mask, B, W, T - 1, T) : columns(ids, mask, B, W, 0, T);
        const out = model.forward(tf.tensor2d(x.ids, [B, x.t], 'int32'), {
          attentionMask: tf.tensor2d(x.mask, [B, x.t]),
          ...(cache ? { cache } : {}),
          lastOnly: true,
        });
        const logits = tf.reshape(out, [B, V]);
        const processed = processRows(logits, seen, options);
        const tokens = pickRows(processed, options.doSample ? tf.tensor2d(u, [B, 1]) : null); // int32 [B]
        if (seen) {
          const next = tf.keep(tf.maximum(seen, tf.oneHot(tokens, V)));
          seen.dispose();
          seen = next;
        }
        return tf.stack([tf.cast(tokens, 'float32'), logProbRows(processed, tokens), logProbRows(logits, tokens)]);
      });
      // 4. the one read of the step
      const data = await picked.data();
      picked.dispose();
      const tokens = new Int32Array(B);
      const real = new Uint8Array(B);
      const lps = new Float64Array(B);
      const raws = new Float64Array(B);
      for (let b = 0; b < B; b++) {
        if (finished[b]) {
          tokens[b] = pad;
          continue;
        }
        const t = Math.round(data[b] as number);
        tokens[b] = t;
        real[b] = 1;
        lps[b] = data[B + b] as number;
        raws[b] = data[2 * B + b] as number;
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
    seen?.dispose();
  }
}

/**
 * {@link generate} with device-side sampling (asynchronous): same options and result.
 *
 * @example
 * ```ts
 * const out = await generateOnDevice(model, tok, [sftPrompt(tok, cv)], { maxNewTokens: 128, doSample: true, topP: 0.95, seed: 7 });
 * ```
 */
export async function generateOnDevice(
  model: CausalLM,
  tok: Tokenizer,
  prompts: readonly string[] | readonly (readonly number[])[],
  options: GenerateOptions = {},
): Promise<GenerateResult> {
  const promptTokens = encodePrompts(tok, prompts);
  const B = promptTokens.length;
  const tokens = promptTokens.map(() => [] as number[]);
  const logprobs = promptTokens.map(() => [] as number[]);
  const rawLogprobs = promptTokens.map(() => [] as number[]);
  let finished: readonly boolean[] = new Array<boolean>(B).fill(false);
  const steps: DecodeStep[] = [];
  for await (const s of decodeStepsOnDevice(model, promptTokens, { ...options, ...specialIdsFor(tok, options) })) {
    steps.push(s);
    for (let b = 0; b < B; b++) {
      if (!s.real[b]) continue;
      (tokens[b] as number[]).push(s.tokens[b] as number);
      (logprobs[b] as number[]).push(s.logprobs[b] as number);
      (rawLogprobs[b] as number[]).push(s.rawLogprobs[b] as number);
    }
    finished = s.finished;
  }
  const n = steps.length;
  const sequences = new Int32Array(B * n);
  const mask = new Uint8Array(B * n);
  steps.forEach((s, t) => {
    for (let b = 0; b < B; b++) {
      sequences[b * n + t] = s.tokens[b] as number;
      mask[b * n + t] = s.real[b] as number;
    }
  });
  const texts = tokens.map((t) => tok.decode(t, { skipSpecial: true }));
  return { tokens, texts, logprobs, rawLogprobs, finished: [...finished], steps: n, sequences, mask, promptTokens };
}

/** Whether the active backend keeps tensors in this process's memory (cpu, wasm, native). */
function onHostBackend(): boolean {
  return ['cpu', 'wasm'].includes(tf.getBackend());
}

/**
 * {@link generate} on CPU backends (host sampling in float64, as always), {@link generateOnDevice} on GPU
 * backends (no `[B, V]` read-back per step; on `webgpu` in Node the only way). For callers that run anywhere.
 */
export async function generateAnywhere(
  model: CausalLM,
  tok: Tokenizer,
  prompts: readonly string[] | readonly (readonly number[])[],
  options: GenerateOptions = {},
): Promise<GenerateResult> {
  return onHostBackend() ? generate(model, tok, prompts, options) : generateOnDevice(model, tok, prompts, options);
}

/** {@link generateJd} through {@link generateAnywhere}. */
export async function generateJdAnywhere(model: CausalLM, tok: Tokenizer, cvs: readonly string[], options: GenerateOptions = {}): Promise<GenerateResult> {
  if (onHostBackend()) return generateJd(model, tok, cvs, options);
  templateIds(tok);
  const maxPromptTokens = model.config.contextLength - (options.maxNewTokens ?? 64);
  return generateOnDevice(model, tok, cvs.map((cv) => sftPrompt(tok, cv, { maxPromptTokens })), options);
}
