/**
 * GIRL's generator: a GPT-2-style decoder (pre-LayerNorm blocks, learned positions, GELU MLP, optional
 * tied head), written with @girl/tensor's fast ops so it trains at wasm's full speed.
 *
 * Parameter names and layouts follow Hugging Face's GPT-2 (`transformer.h.0.attn.c_attn.weight` is
 * `[C, 3C]`, as HF's Conv1D), so exported weights load in `GPT2LMHeadModel`.
 *
 * Shapes: B batch, T time, C = dModel, H heads, V vocabulary.
 */
import {
  cachedAttention,
  causalSelfAttention,
  deviceUniformTensor,
  embedding,
  gelu,
  layerNorm,
  linear,
  linearSplit,
  randomNormalTensor,
  randomUniformTensor,
  tf,
} from '@girl/tensor';
import { Rng } from '@girl/core';
import type { Tensor, Variable } from '@girl/tensor';
import { resolveGptConfig } from '../config.js';
import type { GptConfig, GptConfigInput } from '../config.js';
import type { KVCache } from './kv-cache.js';
import { parameterShapes } from './gpt-shapes.js';

export { parameterShapes } from './gpt-shapes.js';
export { positionsFromMask } from './positions.js';

/** Options of {@link GPT.forward}. */
export interface ForwardOptions {
  /**
   * `[B, T]` 0/1 mask of real tokens (0 = padding). Needed for left-padded batches: padded keys are
   * hidden and position ids start at 0 at each row's first real token. Right-padded training batches
   * need none (causality already hides the padding to the right). With a `cache`, the mask of the NEW
   * tokens only. Default: all ones.
   */
  attentionMask?: Tensor;
  /** `[B, T]` int32 position ids. Default: from `attentionMask` (or the cache), else `0 … T−1`. */
  positionIds?: Tensor;
  /** A {@link KVCache}: the forward reads and extends it (prefill when empty, else decoding). */
  cache?: KVCache;
  /** Apply dropout (needs `rng`). Default `false`. */
  training?: boolean;
  /** Seeded random stream for dropout, so a run (and a resumed run) is reproducible. */
  rng?: Rng;
  /** Compute logits for the last position only (`[B, 1, V]`), as generation needs. Default `false`. */
  lastOnly?: boolean;
}

/** What {@link GPT.forwardWithHidden} returns. */
export interface ForwardOutput {
  /** `[B, T, V]` (or `[B, 1, V]` with `lastOnly`). */
  logits: Tensor;
  /** `[B, T, C]` final hidden states after the last LayerNorm (or `[B, 1, C]` with `lastOnly`). */
  hidden: Tensor;
}

/** Options of {@link GPT.create}. */
export interface CreateOptions {
  /** Seed of the initialisation (bit-identical on every backend). Default `1337`. */
  seed?: number | string;
}

let instances = 0;

/**
 * The decoder. Holds its parameters as tfjs variables (`model.params`, keyed by HF GPT-2 names).
 *
 * @example
 * ```ts
 * await initBackend('wasm');
 * const model = GPT.create({ vocabSize: tok.vocabSize, ...PRESETS.tiny }, { seed: 1 });
 * const ids = tf.tensor2d([[1, 3, 300, 301]], [1, 4], 'int32');
 * const logits = model.forward(ids); // [1, 4, V]
 * ```
 */
export class GPT {
  /** The resolved config. */
  readonly config: GptConfig;
  /** Trainable parameters, keyed by Hugging Face GPT-2 names. */
  readonly params: Record<string, Variable>;

  /** Wraps existing variables (see {@link GPT.create} for a fresh model). */
  constructor(config: GptConfig, params: Record<string, Variable>) {
    this.config = config;
    this.params = params;
    for (const [name, shape] of Object.entries(parameterShapes(config))) {
      const p = params[name];
      if (!p) throw new Error(`GPT: missing parameter '${name}' (expected shape [${shape}]).`);
      if (p.shape.length !== shape.length || p.shape.some((d, i) => d !== shape[i])) {
        throw new Error(`GPT: parameter '${name}' has shape [${p.shape}], expected [${shape}] for this config.`);
      }
    }
  }

  /**
   * A freshly initialised model (GPT-2 initialisation: weights N(0, 0.02), residual projections
   * N(0, 0.02/√(2·nLayer)), biases 0, LayerNorm gains 1), from a seed, identical on every backend.
   */
  static create(config: GptConfigInput, options: CreateOptions = {}): GPT {
    const cfg = resolveGptConfig(config);
    const rng = new Rng(options.seed ?? 1337);
    const tensors: Record<string, Tensor> = {};
    const residualStd = 0.02 / Math.sqrt(2 * cfg.nLayer);
    for (const [name, shape] of Object.entries(parameterShapes(cfg))) {
      const r = rng.fork(name); // per-name streams: adding a parameter never changes the others
      if (name.endsWith('.bias')) tensors[name] = tf.zeros(shape);
      else if (/ln_\d\.weight$|ln_f\.weight$/.test(name)) tensors[name] = tf.ones(shape);
      else tensors[name] = randomNormalTensor(r, shape, name.endsWith('c_proj.weight') ? residualStd : 0.02);
    }
    return GPT.fromTensors(cfg, tensors, { dispose: true });
  }

  /** A model from named tensors (e.g. loaded safetensors). With `dispose`, the input tensors are freed. */
  static fromTensors(config: GptConfigInput, tensors: Record<string, Tensor>, options: { dispose?: boolean } = {}): GPT {
    const cfg = resolveGptConfig(config);
    const id = instances++;
    const params: Record<string, Variable> = {};
    for (const name of Object.keys(parameterShapes(cfg))) {
      const t = tensors[name];
      if (!t) throw new Error(`GPT.fromTensors: missing tensor '${name}'. Was the file saved from a model with this config?`);
      params[name] = tf.variable(t.dtype === 'float32' ? t : tf.cast(t, 'float32'), true, `gpt${id}/${name}`);
    }
    if (options.dispose) tf.dispose(Object.values(tensors)); // variables hold their own reference to the data
    return new GPT(cfg, params);
  }

  private p(name: string): Variable {
    const v = this.params[name];
    if (!v) throw new Error(`GPT: no parameter '${name}'.`);
    return v;
  }

  /** Parameter count (tied head counted once). */
  get numParameters(): number {
    return Object.values(this.params).reduce((n, p) => n + p.size, 0);
  }

  /**
   * Next-token logits.
   *
   * @param ids int32 `[B, T]` token ids
   * @returns `[B, T, V]` logits (`[B, 1, V]` with `lastOnly`)
   */
  forward(ids: Tensor, options: ForwardOptions = {}): Tensor {
    return this.forwardWithHidden(ids, options).logits;
  }

  /** Logits and the final hidden states (for a value head or a reward head on the same backbone). */
  forwardWithHidden(ids: Tensor, options: ForwardOptions = {}): ForwardOutput {
    const hidden = this.forwardHidden(ids, options);
    return { hidden, logits: this.lmHead(hidden) };
  }

  /** The output head: `[..., C]` hidden states → `[..., V]` logits. */
  lmHead(hidden: Tensor): Tensor {
    const w = this.config.tiedHead ? this.p('transformer.wte.weight') : this.p('lm_head.weight'); // [V, C]
    return linear(hidden, tf.transpose(w)); // [..., V]
  }

  /**
   * The backbone: token ids → final hidden states `[B, T, C]` (after `ln_f`), without the head.
   * The reward model and PPO's value head build on this.
   */
  forwardHidden(ids: Tensor, options: ForwardOptions = {}): Tensor {
    const { nLayer: L, nHead: H, dModel: C, contextLength, layerNormEps: eps } = this.config;
    if (ids.rank !== 2 || ids.dtype !== 'int32') throw new Error(`GPT.forward: ids must be int32 [B, T], got ${ids.dtype} [${ids.shape}].`);
    const [B, T] = ids.shape as [number, number];
    const cache = options.cache;
    const drop = options.training && this.config.dropout > 0 ? this.config.dropout : 0;
    if (drop > 0 && !options.rng) throw new Error('GPT.forward: training with dropout needs options.rng (a seeded Rng).');
    if (cache && cache.batch !== B) throw new Error(`GPT.forward: cache is for batch ${cache.batch}, got ids with batch ${B}.`);
    const past = cache?.length ?? 0;
    if (past + T > contextLength) {
      throw new Error(`GPT.forward: ${past + T} positions exceed contextLength ${contextLength}; truncate the prompt or generate fewer tokens.`);
    }

    // 1. position ids: given, from the cache, from the mask (left padding), or 0 … T−1
    let posEmb: Tensor;
    const wpe = this.p('transformer.wpe.weight');
    if (options.positionIds) {
      posEmb = embedding(tf.cast(options.positionIds, 'int32'), wpe); // [B, T, C]
    } else if (cache) {
      const mask = options.attentionMask ? options.attentionMask.dataSync() : new Float32Array(B * T).fill(1);
      const pos = cache.beginStep(mask, T);
      posEmb = embedding(tf.tensor2d(pos, [B, T], 'int32'), wpe);
    } else if (options.attentionMask) {
      // computed on the device (no read-back): position = max(0, running count of real tokens − 1), as positionsFromMask
      const seen = tf.cumsum(tf.cast(tf.greater(options.attentionMask, 0), 'int32'), 1); // [B, T]
      posEmb = embedding(tf.cast(tf.maximum(tf.sub(seen, 1), 0), 'int32'), wpe);
    } else {
      posEmb = tf.slice(wpe, [0, 0], [T, C]); // [T, C], broadcast over B
    }
    if (cache && options.positionIds) cache.beginStep(options.attentionMask ? options.attentionMask.dataSync() : new Float32Array(B * T).fill(1), T);
    const keyMask = cache ? (cache.keyMask as Tensor) : options.attentionMask;

    // 2. token + position embeddings
    let x = tf.add(embedding(ids, this.p('transformer.wte.weight')), posEmb); // [B, T, C]
    if (drop > 0) x = dropout(x, drop, options.rng as Rng);

    // 3. the blocks: x = x + attn(ln_1(x)); x = x + mlp(ln_2(x))
    for (let l = 0; l < L; l++) {
      const h = `transformer.h.${l}`;
      const a = layerNorm(x, this.p(`${h}.ln_1.weight`), this.p(`${h}.ln_1.bias`), eps); // [B, T, C]
      const [q, k, v] = linearSplit(a, this.p(`${h}.attn.c_attn.weight`), this.p(`${h}.attn.c_attn.bias`), 3) as [Tensor, Tensor, Tensor]; // each [B, T, C]
      let y: Tensor; // [B, T, C]
      if (cache) {
        const full = cache.update(l, k, v); // [B, past + T, C]
        y = full.prefill
          ? causalSelfAttention(q, k, v, H, { keyMask: keyMask as Tensor })
          : cachedAttention(q, full.k, full.v, H, keyMask as Tensor);
      } else {
        y = causalSelfAttention(q, k, v, H, keyMask ? { keyMask } : {});
      }
      y = linear(y, this.p(`${h}.attn.c_proj.weight`), this.p(`${h}.attn.c_proj.bias`)); // [B, T, C]
      if (drop > 0) y = dropout(y, drop, options.rng as Rng);
      x = tf.add(x, y);
      const m = layerNorm(x, this.p(`${h}.ln_2.weight`), this.p(`${h}.ln_2.bias`), eps); // [B, T, C]
      let z = gelu(linear(m, this.p(`${h}.mlp.c_fc.weight`), this.p(`${h}.mlp.c_fc.bias`))); // [B, T, 4C]
      z = linear(z, this.p(`${h}.mlp.c_proj.weight`), this.p(`${h}.mlp.c_proj.bias`)); // [B, T, C]
      if (drop > 0) z = dropout(z, drop, options.rng as Rng);
      x = tf.add(x, z);
    }

    // 4. final LayerNorm (on the last position only, when that is all the caller needs)
    if (options.lastOnly && T > 1) x = tf.slice(x, [0, T - 1, 0], [B, 1, C]); // [B, 1, C]
    return layerNorm(x, this.p('transformer.ln_f.weight'), this.p('transformer.ln_f.bias'), eps);
  }

  /** Frees the parameters. */
  dispose(): void {
    tf.dispose(Object.values(this.params));
  }

  /**
   * An independent copy (same config and weights, its own variables): training or disposing either model
   * leaves the other as it was. The caller owns the copy. @example `const reference = policy.clone();`
   */
  clone(): GPT {
    return GPT.fromTensors(this.config, this.params);
  }
}

/**
 * Inverted dropout with a seeded mask: on CPU backends drawn on the host (bit-identical across them), on
 * GPU backends drawn on the device from the same stream (reproducible there, no upload per step).
 */
function dropout(x: Tensor, p: number, rng: Rng): Tensor {
  const onHost = ['cpu', 'wasm'].includes(tf.getBackend());
  const u = onHost ? randomUniformTensor(rng, x.shape) : deviceUniformTensor(rng, x.shape);
  const keep = tf.cast(tf.greaterEqual(u, p), 'float32');
  return tf.mul(x, tf.mul(keep, 1 / (1 - p)));
}
