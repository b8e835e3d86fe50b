/**
 * A whole GPT-2-style decoder step in one native call, for generation with a KV cache on the `native`
 * backend. Per token, the tfjs path dispatches ~150 kernels (each with its bookkeeping) and a `dataSync`;
 * this runs embedding, every pre-LN block (attention over the cache, GELU MLP), the final layer norm and
 * the head in C++ and hands back the last token's logits as a plain `Float32Array`.
 *
 * Inference only (no gradient). The weights are copied into the addon once and reused for as long as none
 * of the tensors changes (a `Variable.assign` gives the variable new data, which triggers a fresh copy).
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { NativeAddon } from '../backend/native/load-addon.js';
import { activeNativeAddon } from '../backend/native/native-backend.js';

/** One pre-LN block: `x += proj(attn(ln1(x)))`, `x += fcProj(gelu(fc(ln2(x))))`. Matrices are `[in, out]`. */
export interface DecoderBlockWeights {
  ln1Gain: tf.Tensor; // [C]
  ln1Bias: tf.Tensor; // [C]
  /** `[C, 3C]`: queries, keys and values side by side, heads interleaved within each. */
  qkvWeight: tf.Tensor;
  qkvBias: tf.Tensor; // [3C]
  projWeight: tf.Tensor; // [C, C]
  projBias: tf.Tensor; // [C]
  ln2Gain: tf.Tensor; // [C]
  ln2Bias: tf.Tensor; // [C]
  fcWeight: tf.Tensor; // [C, F]
  fcBias: tf.Tensor; // [F]
  fcProjWeight: tf.Tensor; // [F, C]
  fcProjBias: tf.Tensor; // [C]
}

/** The weights and shape of a GPT-2-style decoder (tanh GELU, learned positions, no dropout at inference). */
export interface DecoderWeights {
  tokenEmbedding: tf.Tensor; // [V, C]
  positionEmbedding: tf.Tensor; // [context, C]
  blocks: DecoderBlockWeights[];
  finalGain: tf.Tensor; // [C]
  finalBias: tf.Tensor; // [C]
  /** The output head, `[C, V]`, or `[V, C]` with `headTransposed` (a head tied to the token embedding). */
  head: tf.Tensor;
  /** Whether `head` is stored `[V, C]`. */
  headTransposed: boolean;
  /** Attention heads; must divide C. */
  nHead: number;
  /** Layer norm epsilon (GPT-2: 1e-5). */
  eps: number;
}

/** The addon, when the native kernels are active and it has the fused decoder (else undefined). */
function decoderAddon(): NativeAddon | undefined {
  const addon = activeNativeAddon();
  return addon && typeof addon.decoderForward === 'function' ? addon : undefined;
}

/** True when {@link openFusedDecoder} returns a decoder: the `native` backend is active and its addon has it. */
export function fusedDecoderAvailable(): boolean {
  return decoderAddon() !== undefined;
}

/** Every tensor of `w` in the addon's order (see native/src/decoder-napi.cc). */
function flatten(w: DecoderWeights): tf.Tensor[] {
  const blocks = w.blocks.flatMap((b) => [
    b.ln1Gain, b.ln1Bias, b.qkvWeight, b.qkvBias, b.projWeight, b.projBias,
    b.ln2Gain, b.ln2Bias, b.fcWeight, b.fcBias, b.fcProjWeight, b.fcProjBias,
  ]);
  return [w.tokenEmbedding, w.positionEmbedding, ...blocks, w.finalGain, w.finalBias, w.head];
}

interface CachedWeights {
  key: string;
  dataIds: object[];
  handle: unknown;
}
const weightCache = new WeakMap<tf.Tensor, CachedWeights>();

/** The addon's copy of `w`: reused while every tensor still holds the same data, else copied afresh. */
function nativeWeights(addon: NativeAddon, w: DecoderWeights): { handle: unknown; dims: number[] } {
  const [V, C] = w.tokenEmbedding.shape as [number, number];
  const [context] = w.positionEmbedding.shape as [number, number];
  const first = w.blocks[0];
  if (!first) throw new Error('openFusedDecoder: weights.blocks is empty; a decoder needs at least one block.');
  const F = first.fcWeight.shape[1] as number;
  if (C % w.nHead !== 0) throw new Error(`openFusedDecoder: C=${C} is not divisible by nHead=${w.nHead}.`);
  const dims = [V, context, C, F, w.blocks.length, w.nHead, w.eps];
  const tensors = flatten(w);
  const key = `${dims.join(',')}|${w.headTransposed}`;
  const dataIds = tensors.map((t) => t.dataId as object);
  const hit = weightCache.get(w.tokenEmbedding);
  if (hit && hit.key === key && hit.dataIds.length === dataIds.length && hit.dataIds.every((d, i) => d === dataIds[i])) {
    return { handle: hit.handle, dims };
  }
  for (const t of tensors) {
    if (t.dtype !== 'float32') throw new Error(`openFusedDecoder: every weight must be float32; one is ${t.dtype} [${t.shape}].`);
  }
  const handle = addon.decoderWeights(dims, tensors.map((t) => t.dataSync() as Float32Array), w.headTransposed);
  weightCache.set(w.tokenEmbedding, { key, dataIds, handle });
  return { handle, dims };
}

/**
 * A KV-cached decoder for one batch of rows, run by the native addon. Feed the prompt (prefill) and then
 * one token per row per step; each call returns the logits of every row's last new token.
 */
export class FusedDecoder {
  /** Positions fed so far (the cache length). */
  length = 0;
  private session: unknown;

  /** @internal use {@link openFusedDecoder} */
  constructor(
    private readonly addon: NativeAddon,
    weights: unknown,
    /** Rows in the batch. */
    readonly batch: number,
    /** Positions the cache holds at most (prompt + new tokens). */
    readonly maxLength: number,
    /** Vocabulary size V (the width of the returned logits). */
    readonly vocabSize: number,
  ) {
    this.session = addon.decoderSession(weights, batch, maxLength);
  }

  /**
   * Feeds `t` new tokens per row and returns the logits of each row's last one.
   *
   * @param ids `[B, t]` row-major token ids
   * @param positions `[B, t]` position ids (left-padded rows count from their first real token)
   * @param mask `[B, t]` 1 for real tokens, 0 for padding (never attended to)
   * @param t new tokens per row (the prompt length at prefill, then 1)
   * @returns `[B, V]` row-major logits
   */
  forward(ids: Int32Array, positions: Int32Array, mask: Float32Array, t: number): Float32Array {
    if (this.session === undefined) throw new Error('FusedDecoder.forward: the decoder was disposed.');
    const want = this.batch * t;
    if (ids.length !== want || positions.length !== want || mask.length !== want) {
      throw new Error(`FusedDecoder.forward: ids, positions and mask must each hold batch·t = ${want} entries (got ${ids.length}, ${positions.length}, ${mask.length}).`);
    }
    if (this.length + t > this.maxLength) {
      throw new Error(`FusedDecoder.forward: ${this.length} + ${t} positions exceed maxLength ${this.maxLength}; open the decoder with a larger maxLength.`);
    }
    const logits = new Float32Array(this.batch * this.vocabSize);
    this.addon.decoderForward(this.session, ids, positions, mask, t, logits);
    this.length += t;
    return logits;
  }

  /** Frees the cache (the copied weights stay cached for the next decoder over the same tensors). */
  dispose(): void {
    if (this.session === undefined) return;
    this.addon.decoderRelease(this.session);
    this.session = undefined;
  }
}

/**
 * Opens a {@link FusedDecoder} over `weights` for `batch` rows and at most `maxLength` positions, or
 * returns `null` where the fused decoder cannot run (any backend but `native`, or an addon built without
 * it): callers then run their tfjs forward.
 *
 * @example
 * ```ts
 * const dec = openFusedDecoder(weights, { batch: 1, maxLength: 96 });
 * if (dec) {
 *   let logits = dec.forward(promptIds, promptPositions, ones, promptIds.length); // [1, V]
 *   logits = dec.forward(Int32Array.of(next), Int32Array.of(promptIds.length), Float32Array.of(1), 1);
 *   dec.dispose();
 * }
 * ```
 */
export function openFusedDecoder(weights: DecoderWeights, options: { batch: number; maxLength: number }): FusedDecoder | null {
  const addon = decoderAddon();
  if (!addon) return null;
  const { batch, maxLength } = options;
  const context = weights.positionEmbedding.shape[0] as number;
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`openFusedDecoder: batch must be an integer >= 1, got ${batch}.`);
  if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > context) {
    throw new RangeError(`openFusedDecoder: maxLength must be an integer in [1, ${context}] (the position table's rows), got ${maxLength}.`);
  }
  const { handle, dims } = nativeWeights(addon, weights);
  return new FusedDecoder(addon, handle, batch, maxLength, dims[0] as number);
}
