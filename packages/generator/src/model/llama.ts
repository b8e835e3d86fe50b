/**
 * The Llama-family decoder (Llama, Qwen2, Qwen3, Mistral, SmolLM2): pre-RMSNorm blocks, rotary
 * positions, grouped-query attention, SwiGLU MLP, optional tied head, optional q/k/v biases (Qwen2) and
 * per-head q/k RMSNorm (Qwen3). Same interface as {@link GPT} (a {@link CausalLM}), so generation, the
 * KV cache, SFT, PPO's value head and the reward model's backbone take either.
 *
 * Parameters carry Hugging Face names; projection weights are stored `[in, out]` (see
 * {@link llamaParameterShapes}). Shapes: B batch, T time, C = dModel, H query heads, K key/value
 * heads, D headDim, F ffnDim, V vocabulary.
 */
import { Rng } from '@girl/core';
import { cachedAttention, causalSelfAttention, embedding, linear, randomNormalTensor, tf } from '@girl/tensor';
import type { Tensor, Variable } from '@girl/tensor';
import type { CreateOptions, ForwardOptions, ForwardOutput } from './gpt.js';
import { llamaParameterShapes, resolveLlamaConfig } from './llama-config.js';
import type { LlamaConfig, LlamaConfigInput } from './llama-config.js';
import { positionIdsFor, repeatKvHeads, rmsNorm, seededDropout, silu } from './llama-ops.js';
import { applyRope, ropeInverseFrequencies, ropeTables } from './rope.js';

let instances = 0;

/**
 * A Llama-family decoder holding its parameters as tfjs variables.
 *
 * @example
 * ```ts
 * const model = Llama.create({ vocabSize: tok.vocabSize, nKvHead: 2 }, { seed: 1 });
 * const logits = model.forward(tf.tensor2d([[1, 2, 3]], [1, 3], 'int32')); // [1, 3, V]
 * ```
 */
export class Llama {
  /** The resolved config. */
  readonly config: LlamaConfig;
  /** Trainable parameters, keyed by Hugging Face names. */
  readonly params: Record<string, Variable>;
  private readonly invFreq: Float32Array;
  private rope: { cos: Tensor; sin: Tensor; length: number } | null = null;

  /** Wraps existing variables, checking every name and shape against the config. */
  constructor(config: LlamaConfig, params: Record<string, Variable>) {
    this.config = config;
    this.params = params;
    for (const [name, shape] of Object.entries(llamaParameterShapes(config))) {
      const p = params[name];
      if (!p) throw new Error(`Llama: missing parameter '${name}' (expected shape [${shape}]).`);
      if (p.shape.length !== shape.length || p.shape.some((d, i) => d !== shape[i])) {
        throw new Error(`Llama: parameter '${name}' has shape [${p.shape}], expected [${shape}] for this config.`);
      }
    }
    this.invFreq = ropeInverseFrequencies(config.headDim, config.ropeTheta, config.ropeScaling);
  }

  /** A fresh model from a seed (HF's initialisation: weights N(0, 0.02), norms 1, biases 0), identical on every backend. */
  static create(config: LlamaConfigInput, options: CreateOptions = {}): Llama {
    const cfg = resolveLlamaConfig(config);
    const rng = new Rng(options.seed ?? 1337);
    const tensors: Record<string, Tensor> = {};
    for (const [name, shape] of Object.entries(llamaParameterShapes(cfg))) {
      if (name.endsWith('.bias')) tensors[name] = tf.zeros(shape);
      else if (name.endsWith('norm.weight')) tensors[name] = tf.ones(shape);
      else tensors[name] = randomNormalTensor(rng.fork(name), shape, 0.02);
    }
    return Llama.fromTensors(cfg, tensors, { dispose: true });
  }

  /** A model from named tensors in GIRL's layout (see {@link llamaParameterShapes}). With `dispose`, the inputs are freed. */
  static fromTensors(config: LlamaConfigInput, tensors: Record<string, Tensor>, options: { dispose?: boolean } = {}): Llama {
    const cfg = resolveLlamaConfig(config);
    const id = instances++;
    const params: Record<string, Variable> = {};
    for (const name of Object.keys(llamaParameterShapes(cfg))) {
      const t = tensors[name];
      if (!t) {
        tf.dispose(Object.values(params));
        throw new Error(`Llama.fromTensors: missing tensor '${name}'. Was it saved from a model with this config?`);
      }
      params[name] = tf.variable(t.dtype === 'float32' ? t : tf.cast(t, 'float32'), true, `llama${id}/${name}`);
    }
    if (options.dispose) tf.dispose(Object.values(tensors));
    return new Llama(cfg, params);
  }

  private p(name: string): Variable {
    const v = this.params[name];
    if (!v) throw new Error(`Llama: no parameter '${name}'.`);
    return v;
  }

  private opt(name: string): Variable | undefined {
    return this.params[name];
  }

  /** Parameter count (tied head counted once). */
  get numParameters(): number {
    return Object.values(this.params).reduce((n, p) => n + p.size, 0);
  }

  /** Next-token logits `[B, T, V]` (`[B, 1, V]` with `lastOnly`) for int32 ids `[B, T]`. */
  forward(ids: Tensor, options: ForwardOptions = {}): Tensor {
    return this.forwardWithHidden(ids, options).logits;
  }

  /** Logits and the final hidden states (for a value head or a reward head on the same backbone). */
  forwardWithHidden(ids: Tensor, options: ForwardOptions = {}): ForwardOutput {
    const hidden = this.forwardHidden(ids, options);
    return { hidden, logits: this.lmHead(hidden) };
  }

  /** The output head: `[..., C]` → `[..., V]`. */
  lmHead(hidden: Tensor): Tensor {
    const w = this.config.tiedHead ? this.p('model.embed_tokens.weight') : this.p('lm_head.weight'); // [V, C]
    return linear(hidden, tf.transpose(w)); // [..., V]
  }

  /** `cos`/`sin` tables covering positions `< length` (grown by doubling, kept out of `tidy`). */
  private ropeTablesFor(length: number): { cos: Tensor; sin: Tensor } {
    if (!this.rope || this.rope.length < length) {
      const n = Math.min(Math.max(this.config.contextLength, length), Math.max(length, 2 * (this.rope?.length ?? 128)));
      const { cos, sin } = ropeTables(this.invFreq, n);
      if (this.rope) tf.dispose([this.rope.cos, this.rope.sin]);
      const D = this.config.headDim;
      this.rope = { cos: tf.keep(tf.tensor2d(cos, [n, D])), sin: tf.keep(tf.tensor2d(sin, [n, D])), length: n };
    }
    return this.rope;
  }

  /** The backbone: ids `[B, T]` → final hidden states `[B, T, C]` (after the last RMSNorm). */
  forwardHidden(ids: Tensor, options: ForwardOptions = {}): Tensor {
    const { nLayer: L, nHead: H, nKvHead: K, headDim: D, dModel: C, contextLength, rmsNormEps: eps } = this.config;
    if (ids.rank !== 2 || ids.dtype !== 'int32') throw new Error(`Llama.forward: ids must be int32 [B, T], got ${ids.dtype} [${ids.shape}].`);
    const [B, T] = ids.shape as [number, number];
    const cache = options.cache;
    const drop = options.training && this.config.dropout > 0 ? this.config.dropout : 0;
    if (drop > 0 && !options.rng) throw new Error('Llama.forward: training with dropout needs options.rng (a seeded Rng).');
    if (cache && cache.batch !== B) throw new Error(`Llama.forward: cache is for batch ${cache.batch}, got ids with batch ${B}.`);
    const past = cache?.length ?? 0;
    if (past + T > contextLength) {
      throw new Error(`Llama.forward: ${past + T} positions exceed contextLength ${contextLength}; truncate the prompt or generate fewer tokens.`);
    }

    // 1. positions → rotary tables gathered per token
    const pos = positionIdsFor(B, T, options); // [B, T]
    const tables = this.ropeTablesFor(options.positionIds ? contextLength : past + T);
    const cos = tf.reshape(tf.gather(tables.cos, pos), [B, T, 1, D]); // [B, T, 1, D]
    const sin = tf.reshape(tf.gather(tables.sin, pos), [B, T, 1, D]);
    const keyMask = cache ? (cache.keyMask as Tensor) : options.attentionMask;
    const rot = (x: Tensor, heads: number, norm?: Variable): Tensor => {
      let x4 = tf.reshape(x, [B, T, heads, D]); // [B, T, heads, D]
      if (norm) x4 = rmsNorm(x4, norm, eps);
      return tf.reshape(applyRope(x4, cos, sin), [B, T, heads * D]);
    };

    // 2. token embeddings
    let x = embedding(ids, this.p('model.embed_tokens.weight')); // [B, T, C]
    if (drop > 0) x = seededDropout(x, drop, options.rng as Rng);

    // 3. the blocks: x = x + attn(norm(x)); x = x + mlp(norm(x))
    for (let l = 0; l < L; l++) {
      const p = `model.layers.${l}`;
      const a = rmsNorm(x, this.p(`${p}.input_layernorm.weight`), eps); // [B, T, C]
      const q = rot(linear(a, this.p(`${p}.self_attn.q_proj.weight`), this.opt(`${p}.self_attn.q_proj.bias`)), H, this.opt(`${p}.self_attn.q_norm.weight`)); // [B, T, H·D]
      const k = rot(linear(a, this.p(`${p}.self_attn.k_proj.weight`), this.opt(`${p}.self_attn.k_proj.bias`)), K, this.opt(`${p}.self_attn.k_norm.weight`)); // [B, T, K·D]
      const v = linear(a, this.p(`${p}.self_attn.v_proj.weight`), this.opt(`${p}.self_attn.v_proj.bias`)); // [B, T, K·D]
      let y: Tensor; // [B, T, H·D]
      if (cache) {
        // the cache holds keys/values with heads already repeated: each step repeats only its new tokens
        const kr = repeatKvHeads(k, K, H / K); // [B, T, H·D]
        const vr = repeatKvHeads(v, K, H / K);
        const full = cache.update(l, kr, vr); // [B, past + T, H·D]
        y = full.prefill ? causalSelfAttention(q, kr, vr, H, { keyMask: keyMask as Tensor }) : cachedAttention(q, full.k, full.v, H, keyMask as Tensor);
      } else {
        y = causalSelfAttention(q, repeatKvHeads(k, K, H / K), repeatKvHeads(v, K, H / K), H, keyMask ? { keyMask } : {});
      }
      y = linear(y, this.p(`${p}.self_attn.o_proj.weight`), this.opt(`${p}.self_attn.o_proj.bias`)); // [B, T, C]
      if (drop > 0) y = seededDropout(y, drop, options.rng as Rng);
      x = tf.add(x, y);
      const m = rmsNorm(x, this.p(`${p}.post_attention_layernorm.weight`), eps); // [B, T, C]
      const gate = silu(linear(m, this.p(`${p}.mlp.gate_proj.weight`))); // [B, T, F]
      let z = linear(tf.mul(gate, linear(m, this.p(`${p}.mlp.up_proj.weight`))), this.p(`${p}.mlp.down_proj.weight`)); // [B, T, C]
      if (drop > 0) z = seededDropout(z, drop, options.rng as Rng);
      x = tf.add(x, z);
    }

    // 4. final RMSNorm (on the last position only, when that is all the caller needs)
    if (options.lastOnly && T > 1) x = tf.slice(x, [0, T - 1, 0], [B, 1, C]); // [B, 1, C]
    return rmsNorm(x, this.p('model.norm.weight'), eps);
  }

  /** Frees the parameters and the rotary tables. */
  dispose(): void {
    tf.dispose(Object.values(this.params));
    if (this.rope) tf.dispose([this.rope.cos, this.rope.sin]);
    this.rope = null;
  }
}
