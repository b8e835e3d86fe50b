/**
 * The Llama family's configuration (Llama, Qwen2, Qwen3, Mistral, SmolLM2): RMSNorm, RoPE, SwiGLU,
 * grouped-query attention. Every field documents its default and why; `family: 'llama'` tells it apart
 * from a {@link GptConfig} wherever either may appear (checkpoints, the reward model's backbone).
 */
import { GptConfigError } from '../config.js';
import type { RopeScaling } from './rope.js';

/** Hugging Face `model_type`s of the Llama family that GIRL reads and writes. */
export const LLAMA_ARCHS = ['llama', 'qwen2', 'qwen3', 'mistral'] as const;
/** One of {@link LLAMA_ARCHS}: decides the exported `config.json` and the attention details below. */
export type LlamaArch = (typeof LLAMA_ARCHS)[number];

/** A Llama-family decoder's shape. Only `vocabSize` is required; see {@link resolveLlamaConfig}. */
export interface LlamaConfig {
  /** Always `'llama'`: marks this config as the Llama family's. */
  family: 'llama';
  /** The Hugging Face `model_type` this model came in as and is exported as. Default `'llama'`. */
  arch: LlamaArch;
  /** Token ids the model reads and writes. Required. */
  vocabSize: number;
  /** Longest sequence (prompt + generated). Default `256`, as GPT's `tiny` preset. RoPE needs no table of this size. */
  contextLength: number;
  /** Width of the residual stream (HF `hidden_size`). Default `128`. */
  dModel: number;
  /** Decoder blocks (HF `num_hidden_layers`). Default `4`. */
  nLayer: number;
  /** Query heads (HF `num_attention_heads`). Default `4`. */
  nHead: number;
  /**
   * Key/value heads (HF `num_key_value_heads`); must divide `nHead`. Default `2`: grouped-query
   * attention with two query heads per key/value head, as the small Llama-family models use.
   */
  nKvHead: number;
  /** Width of one head (HF `head_dim`). Default `dModel / nHead`; Qwen3 sets it independently. */
  headDim: number;
  /** SwiGLU hidden width (HF `intermediate_size`). Default `8/3 · dModel` rounded up to a multiple of 32 (Llama's rule). */
  ffnDim: number;
  /** RMSNorm epsilon (HF `rms_norm_eps`). Default `1e-6` (Qwen2/3, Llama 3 use 1e-5 or 1e-6; loaded models bring theirs). */
  rmsNormEps: number;
  /** RoPE base (HF `rope_theta`). Default `10000` (Llama 2). */
  ropeTheta: number;
  /** RoPE scaling (HF `rope_scaling`): `null`, linear or llama3. Default `null`. */
  ropeScaling: RopeScaling | null;
  /** Share the token embedding with the output head (HF `tie_word_embeddings`). Default `true`, as the small Qwen and SmolLM models. */
  tiedHead: boolean;
  /**
   * Which attention projections have a bias: `'none'` (Llama, Mistral, Qwen3), `'qkv'` (Qwen2) or
   * `'qkvo'` (Llama with `attention_bias: true`). Default `'none'`.
   */
  attentionBias: 'none' | 'qkv' | 'qkvo';
  /** RMSNorm over each query and key head before RoPE (Qwen3). Default `false`. */
  qkNorm: boolean;
  /** Dropout on the embeddings and the residual branches during training. Default `0` (fine-tuning). */
  dropout: number;
}

/** {@link LlamaConfig} with every field but `vocabSize` optional. */
export type LlamaConfigInput = Partial<LlamaConfig> & Pick<LlamaConfig, 'vocabSize'>;

function positiveInt(name: string, v: unknown): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new GptConfigError(`LlamaConfig.${name} must be a positive integer, got ${JSON.stringify(v)}.`);
  }
}

/**
 * Fills in defaults and checks a Llama-family config.
 *
 * @throws GptConfigError naming the bad field (e.g. `nKvHead` not dividing `nHead`).
 * @example
 * ```ts
 * resolveLlamaConfig({ vocabSize: 500 }).ffnDim; // 352
 * ```
 */
export function resolveLlamaConfig(input: LlamaConfigInput): LlamaConfig {
  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as LlamaConfigInput;
  const dModel = given.dModel ?? 128;
  const nHead = given.nHead ?? 4;
  const cfg: LlamaConfig = {
    arch: 'llama',
    contextLength: 256,
    nLayer: 4,
    nKvHead: Math.min(2, nHead),
    headDim: Math.floor(dModel / nHead),
    ffnDim: Math.ceil((8 * dModel) / 3 / 32) * 32,
    rmsNormEps: 1e-6,
    ropeTheta: 10000,
    ropeScaling: null,
    tiedHead: true,
    attentionBias: 'none',
    qkNorm: false,
    dropout: 0,
    ...given,
    dModel,
    nHead,
    family: 'llama',
  };
  for (const k of ['vocabSize', 'contextLength', 'dModel', 'nLayer', 'nHead', 'nKvHead', 'headDim', 'ffnDim'] as const) positiveInt(k, cfg[k]);
  if (!(LLAMA_ARCHS as readonly string[]).includes(cfg.arch)) {
    throw new GptConfigError(`LlamaConfig.arch must be one of ${LLAMA_ARCHS.join(', ')}, got ${JSON.stringify(cfg.arch)}.`);
  }
  if (cfg.nHead % cfg.nKvHead !== 0) {
    throw new GptConfigError(`LlamaConfig.nKvHead (${cfg.nKvHead}) must divide nHead (${cfg.nHead}) for grouped-query attention.`);
  }
  if (cfg.headDim % 2 !== 0) throw new GptConfigError(`LlamaConfig.headDim must be even for RoPE, got ${cfg.headDim}.`);
  if (!(cfg.rmsNormEps > 0)) throw new GptConfigError(`LlamaConfig.rmsNormEps must be > 0, got ${cfg.rmsNormEps}.`);
  if (!(cfg.ropeTheta > 0)) throw new GptConfigError(`LlamaConfig.ropeTheta must be > 0, got ${cfg.ropeTheta}.`);
  if (!['none', 'qkv', 'qkvo'].includes(cfg.attentionBias)) {
    throw new GptConfigError(`LlamaConfig.attentionBias must be 'none', 'qkv' or 'qkvo', got ${JSON.stringify(cfg.attentionBias)}.`);
  }
  if (!(cfg.dropout >= 0 && cfg.dropout < 1)) throw new GptConfigError(`LlamaConfig.dropout must be in [0, 1), got ${cfg.dropout}.`);
  return cfg;
}

/** Whether a model config is the Llama family's (else it is a GPT-2 {@link GptConfig}). */
export function isLlamaConfig(cfg: unknown): cfg is LlamaConfig {
  return typeof cfg === 'object' && cfg !== null && (cfg as { family?: unknown }).family === 'llama';
}

/**
 * Every parameter's name and shape (Hugging Face names). Projection weights are stored `[in, out]`
 * (transposed from PyTorch's `nn.Linear`, so `linear()` runs on the fast path); the embedding and
 * `lm_head` keep HF's `[V, C]`.
 *
 * @example
 * ```ts
 * llamaParameterShapes(cfg)['model.layers.0.self_attn.k_proj.weight']; // [C, nKvHead · headDim]
 * ```
 */
export function llamaParameterShapes(cfg: LlamaConfig): Record<string, number[]> {
  const { vocabSize: V, dModel: C, nLayer: L, nHead: H, nKvHead: K, headDim: D, ffnDim: F } = cfg;
  const s: Record<string, number[]> = { 'model.embed_tokens.weight': [V, C] };
  for (let l = 0; l < L; l++) {
    const p = `model.layers.${l}`;
    s[`${p}.input_layernorm.weight`] = [C];
    s[`${p}.self_attn.q_proj.weight`] = [C, H * D];
    s[`${p}.self_attn.k_proj.weight`] = [C, K * D];
    s[`${p}.self_attn.v_proj.weight`] = [C, K * D];
    if (cfg.attentionBias !== 'none') {
      s[`${p}.self_attn.q_proj.bias`] = [H * D];
      s[`${p}.self_attn.k_proj.bias`] = [K * D];
      s[`${p}.self_attn.v_proj.bias`] = [K * D];
    }
    if (cfg.qkNorm) {
      s[`${p}.self_attn.q_norm.weight`] = [D];
      s[`${p}.self_attn.k_norm.weight`] = [D];
    }
    s[`${p}.self_attn.o_proj.weight`] = [H * D, C];
    if (cfg.attentionBias === 'qkvo') s[`${p}.self_attn.o_proj.bias`] = [C];
    s[`${p}.post_attention_layernorm.weight`] = [C];
    s[`${p}.mlp.gate_proj.weight`] = [C, F];
    s[`${p}.mlp.up_proj.weight`] = [C, F];
    s[`${p}.mlp.down_proj.weight`] = [F, C];
  }
  s['model.norm.weight'] = [C];
  if (!cfg.tiedHead) s['lm_head.weight'] = [V, C];
  return s;
}

/** Parameter count of a Llama-family config (tied head counted once). */
export function countLlamaParameters(cfg: LlamaConfig): number {
  return Object.values(llamaParameterShapes(cfg)).reduce((n, s) => n + s.reduce((a, b) => a * b, 1), 0);
}
