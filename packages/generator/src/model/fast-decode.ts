import { openFusedDecoder } from '@girl/tensor';
import type { DecoderWeights, FusedDecoder } from '@girl/tensor';
import { GPT } from './gpt.js';
import type { CausalLM } from './causal-lm.js';

/** A GPT's parameters as @girl/tensor's fused decoder reads them (HF layouts: head `[V, C]`, tied or not). */
export function gptDecoderWeights(model: GPT): DecoderWeights {
  const { nLayer, nHead, layerNormEps, tiedHead } = model.config;
  const p = (name: string) => {
    const v = model.params[name];
    if (!v) throw new Error(`GPT: no parameter '${name}'.`);
    return v;
  };
  return {
    tokenEmbedding: p('transformer.wte.weight'),
    positionEmbedding: p('transformer.wpe.weight'),
    blocks: Array.from({ length: nLayer }, (_, l) => {
      const h = `transformer.h.${l}`;
      return {
        ln1Gain: p(`${h}.ln_1.weight`),
        ln1Bias: p(`${h}.ln_1.bias`),
        qkvWeight: p(`${h}.attn.c_attn.weight`),
        qkvBias: p(`${h}.attn.c_attn.bias`),
        projWeight: p(`${h}.attn.c_proj.weight`),
        projBias: p(`${h}.attn.c_proj.bias`),
        ln2Gain: p(`${h}.ln_2.weight`),
        ln2Bias: p(`${h}.ln_2.bias`),
        fcWeight: p(`${h}.mlp.c_fc.weight`),
        fcBias: p(`${h}.mlp.c_fc.bias`),
        fcProjWeight: p(`${h}.mlp.c_proj.weight`),
        fcProjBias: p(`${h}.mlp.c_proj.bias`),
      };
    }),
    finalGain: p('transformer.ln_f.weight'),
    finalBias: p('transformer.ln_f.bias'),
    head: tiedHead ? p('transformer.wte.weight') : p('lm_head.weight'),
    headTransposed: true,
    nHead,
    eps: layerNormEps,
  };
}

/**
 * Position ids of `tq` new tokens per row, numbering each row's real tokens from 0 (padding repeats the
 * last real position, or 0), and advances `next` (each row's next real position) past the real ones — the
 * same numbering as `KVCache.beginStep` and `positionsFromMask`.
 *
 * @example
 * ```ts
 * const next = new Int32Array(1);
 * stepPositions(next, [0, 1, 1], 3); // Int32Array [0, 0, 1]; next = [2]
 * ```
 */
export function stepPositions(next: Int32Array, mask: ArrayLike<number>, tq: number): Int32Array {
  const batch = next.length;
  if (mask.length !== batch * tq) throw new Error(`stepPositions: mask has ${mask.length} entries, expected ${batch}×${tq}.`);
  const pos = new Int32Array(batch * tq);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < tq; t++) {
      const real = (mask[b * tq + t] as number) > 0;
      pos[b * tq + t] = Math.max(0, (next[b] as number) - (real ? 0 : 1));
      if (real) next[b] = (next[b] as number) + 1;
    }
  }
  return pos;
}

/** Generation's forward on the fused native decoder: ids and mask in, last-token logits `[B, V]` out. */
export interface FastDecoder {
  /** Feeds `[B, t]` ids with their 0/1 mask (the prompt, then one token per row). */
  step(ids: Int32Array, mask: Float32Array, t: number): Float32Array;
  dispose(): void;
}

/**
 * The fused decoder for `batch` rows of at most `maxLength` positions, or `null` where it cannot run (any
 * backend but `native`, or a model that is not a GPT, e.g. the Llama family): `decodeSteps` then runs the
 * model's tfjs forward with a `KVCache`.
 */
export function openFastDecoder(model: CausalLM, batch: number, maxLength: number): FastDecoder | null {
  if (!(model instanceof GPT)) return null;
  const decoder: FusedDecoder | null = openFusedDecoder(gptDecoderWeights(model), { batch, maxLength });
  if (!decoder) return null;
  const next = new Int32Array(batch);
  return {
    step: (ids, mask, t) => decoder.forward(ids, stepPositions(next, mask, t), mask, t),
    dispose: () => decoder.dispose(),
  };
}
