/**
 * Hugging Face `config.json` ↔ {@link LlamaConfig} for `llama`, `qwen2`, `qwen3` and `mistral`: field
 * names, per-architecture defaults (biases, q/k norms, tying) and `rope_scaling`, refused by name when
 * GIRL cannot reproduce it.
 */
import type { Tokenizer } from '@girl/tokenizer';
import { LLAMA_ARCHS, resolveLlamaConfig } from '../model/llama-config.js';
import type { LlamaArch, LlamaConfig } from '../model/llama-config.js';
import type { RopeScaling } from '../model/rope.js';

/** The causal-LM class transformers builds for each Llama-family `model_type`. */
export const LLAMA_CAUSAL_LM_CLASSES: Record<LlamaArch, string> = {
  llama: 'LlamaForCausalLM',
  qwen2: 'Qwen2ForCausalLM',
  qwen3: 'Qwen3ForCausalLM',
  mistral: 'MistralForCausalLM',
};

/** Format tag of the `girl` block in a Llama-family `config.json`. */
export const LLAMA_MODEL_FORMAT = 'girl-llama';

type Json = Record<string, unknown>;

function num(j: Json, key: string, where: string, fallback?: number): number {
  const v = j[key] ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${where}: field '${key}' must be a number, got ${JSON.stringify(j[key])}.`);
  return v;
}

/** Reads HF `rope_scaling` (`null`, `default`, `linear`, `llama3`); anything else is refused by name. */
export function ropeScalingFromJson(raw: unknown, where: string): RopeScaling | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== 'object') throw new Error(`${where}: rope_scaling must be an object or null, got ${JSON.stringify(raw)}.`);
  const r = raw as Json;
  const type = r['rope_type'] ?? r['type'];
  if (type === 'default') return null;
  if (type === 'linear') return { type: 'linear', factor: num(r, 'factor', `${where} rope_scaling`) };
  if (type === 'llama3') {
    const w = `${where} rope_scaling`;
    return {
      type: 'llama3',
      factor: num(r, 'factor', w),
      lowFreqFactor: num(r, 'low_freq_factor', w),
      highFreqFactor: num(r, 'high_freq_factor', w),
      originalMaxPositionEmbeddings: num(r, 'original_max_position_embeddings', w),
    };
  }
  throw new Error(`${where}: rope_scaling type ${JSON.stringify(type)} is not supported by GIRL; supported: none (null or 'default'), 'linear', 'llama3'.`);
}

/** HF `rope_scaling` for a {@link RopeScaling}. */
function ropeScalingToJson(s: RopeScaling | null): Json | null {
  if (!s) return null;
  if (s.type === 'linear') return { rope_type: 'linear', factor: s.factor };
  return {
    rope_type: 'llama3',
    factor: s.factor,
    low_freq_factor: s.lowFreqFactor,
    high_freq_factor: s.highFreqFactor,
    original_max_position_embeddings: s.originalMaxPositionEmbeddings,
  };
}

/**
 * A {@link LlamaConfig} from a Hugging Face Llama-family `config.json`.
 *
 * @param maxContext caps `contextLength` (the checkpoint's `max_position_embeddings` may be 32 k+).
 * @throws Error naming the file and field (unknown `model_type`, non-SiLU activation, MLP bias, …).
 */
export function llamaConfigFromHf(j: Json, where: string, maxContext = Infinity): LlamaConfig {
  const arch = j['model_type'] as LlamaArch;
  if (!(LLAMA_ARCHS as readonly string[]).includes(arch)) throw new Error(`${where}: model_type ${JSON.stringify(arch)} is not of the Llama family (${LLAMA_ARCHS.join(', ')}).`);
  const act = j['hidden_act'] ?? 'silu';
  if (act !== 'silu') throw new Error(`${where}: hidden_act '${String(act)}' is not supported; the Llama family in GIRL uses 'silu' (SwiGLU).`);
  if (j['mlp_bias'] === true) throw new Error(`${where}: mlp_bias true is not supported (GIRL's SwiGLU has no MLP biases).`);
  const dModel = num(j, 'hidden_size', where);
  const nHead = num(j, 'num_attention_heads', where);
  const useWindow = arch === 'mistral' || j['use_sliding_window'] === true;
  const window = useWindow && typeof j['sliding_window'] === 'number' ? (j['sliding_window'] as number) : Infinity;
  const bias = j['attention_bias'] === true;
  return resolveLlamaConfig({
    arch,
    vocabSize: num(j, 'vocab_size', where),
    contextLength: Math.min(num(j, 'max_position_embeddings', where, 2048), window, maxContext),
    dModel,
    nLayer: num(j, 'num_hidden_layers', where),
    nHead,
    nKvHead: num(j, 'num_key_value_heads', where, nHead),
    headDim: arch === 'qwen2' ? dModel / nHead : ((j['head_dim'] as number | null | undefined) ?? dModel / nHead),
    ffnDim: num(j, 'intermediate_size', where),
    rmsNormEps: num(j, 'rms_norm_eps', where, 1e-6),
    ropeTheta: num(j, 'rope_theta', where, 10000),
    ropeScaling: ropeScalingFromJson(j['rope_scaling'], where),
    tiedHead: (j['tie_word_embeddings'] as boolean | undefined) ?? false,
    attentionBias: arch === 'qwen2' ? 'qkv' : bias && arch !== 'mistral' ? 'qkvo' : 'none',
    qkNorm: arch === 'qwen3',
    dropout: 0,
  });
}

/** Why a config cannot be written as its `arch` (transformers would build a different model), or null. */
export function llamaExportProblem(cfg: LlamaConfig): string | null {
  const { arch } = cfg;
  if (arch === 'qwen2' && cfg.attentionBias !== 'qkv') return `Qwen2 always has q/k/v biases, but attentionBias is '${cfg.attentionBias}'`;
  if (arch !== 'qwen2' && cfg.attentionBias === 'qkv') return `only Qwen2 has q/k/v biases without an o_proj bias (arch is '${arch}')`;
  if (arch === 'mistral' && cfg.attentionBias !== 'none') return 'Mistral has no attention biases';
  if ((arch === 'qwen3') !== cfg.qkNorm) return `q/k norms belong to Qwen3 exactly (arch '${arch}', qkNorm ${cfg.qkNorm})`;
  if (arch === 'qwen2' && cfg.headDim * cfg.nHead !== cfg.dModel) return 'Qwen2 has no head_dim field: headDim · nHead must equal dModel';
  return null;
}

/**
 * HF `config.json` for a Llama-family config (plus GIRL's own block), loadable by transformers'
 * `AutoModelForCausalLM` as `arch`.
 *
 * @throws Error when the config cannot be expressed as its `arch` (see {@link llamaExportProblem}).
 */
export function llamaHfConfigJson(cfg: LlamaConfig, tok?: Tokenizer, architecture = LLAMA_CAUSAL_LM_CLASSES[cfg.arch]): Json {
  const problem = llamaExportProblem(cfg);
  if (problem) throw new Error(`llamaHfConfigJson: cannot export as '${cfg.arch}': ${problem}.`);
  const { arch } = cfg;
  return {
    model_type: arch,
    architectures: [architecture],
    vocab_size: cfg.vocabSize,
    hidden_size: cfg.dModel,
    intermediate_size: cfg.ffnDim,
    num_hidden_layers: cfg.nLayer,
    num_attention_heads: cfg.nHead,
    num_key_value_heads: cfg.nKvHead,
    ...(arch === 'qwen2' ? {} : { head_dim: cfg.headDim }),
    hidden_act: 'silu',
    max_position_embeddings: cfg.contextLength,
    rms_norm_eps: cfg.rmsNormEps,
    rope_theta: cfg.ropeTheta,
    rope_scaling: ropeScalingToJson(cfg.ropeScaling),
    tie_word_embeddings: cfg.tiedHead,
    ...(arch === 'llama' || arch === 'qwen3' ? { attention_bias: cfg.attentionBias === 'qkvo' } : {}),
    ...(arch === 'llama' ? { mlp_bias: false } : {}),
    ...(arch === 'qwen2' || arch === 'qwen3' ? { use_sliding_window: false, sliding_window: null } : {}),
    ...(arch === 'mistral' ? { sliding_window: null } : {}),
    attention_dropout: 0,
    initializer_range: 0.02,
    use_cache: true,
    ...(tok?.bosId !== undefined ? { bos_token_id: tok.bosId } : {}),
    ...(tok?.eosId !== undefined ? { eos_token_id: tok.eosId } : {}),
    ...(tok?.padId !== undefined ? { pad_token_id: tok.padId } : {}),
    torch_dtype: 'float32',
    girl: { format: LLAMA_MODEL_FORMAT, version: 1, config: cfg },
  };
}
