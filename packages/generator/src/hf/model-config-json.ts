/**
 * `config.json` for either family: written for a model's config, read back into a {@link ModelConfig}.
 * GIRL's own `girl` block wins when present (exact round trip); otherwise the Hugging Face fields.
 */
import type { Tokenizer } from '@girl/tokenizer';
import { resolveLlamaConfig } from '../model/llama-config.js';
import type { LlamaConfig } from '../model/llama-config.js';
import { isLlamaConfig } from '../model/llama-config.js';
import type { ModelConfig } from '../model/causal-lm.js';
import { configFromJson, hfConfigJson } from '../model-config-json.js';
import { LLAMA_CAUSAL_LM_CLASSES, LLAMA_MODEL_FORMAT, llamaConfigFromHf, llamaHfConfigJson } from './llama-hf-config.js';

/** The architectures (HF `architectures[0]`) GIRL loads as causal LMs. */
export const CAUSAL_LM_ARCHITECTURES = ['GPT2LMHeadModel', ...Object.values(LLAMA_CAUSAL_LM_CLASSES)];

/** HF `config.json` for a model config of either family. */
export function modelConfigJson(cfg: ModelConfig, tok?: Tokenizer): Record<string, unknown> {
  return isLlamaConfig(cfg) ? llamaHfConfigJson(cfg, tok) : hfConfigJson(cfg, tok);
}

/**
 * A {@link ModelConfig} from a parsed `config.json` (GIRL's or Hugging Face's: `gpt2`, `llama`,
 * `qwen2`, `qwen3`, `mistral`).
 *
 * @param where the file, for error messages
 * @param maxContext caps a Llama-family `contextLength` (default: the checkpoint's)
 * @throws Error naming the file and the unsupported architecture or field.
 */
export function modelConfigFromJson(json: unknown, where = 'config.json', maxContext = Infinity): ModelConfig {
  if (typeof json !== 'object' || json === null) throw new Error(`${where} is not a JSON object.`);
  const j = json as Record<string, unknown>;
  const girl = j['girl'] as { format?: unknown; config?: unknown } | undefined;
  if (girl && typeof girl === 'object' && girl.format === LLAMA_MODEL_FORMAT) {
    const cfg = resolveLlamaConfig(girl.config as LlamaConfig);
    return maxContext < cfg.contextLength ? { ...cfg, contextLength: maxContext } : cfg;
  }
  const archs = j['architectures'];
  if (Array.isArray(archs) && archs.length > 0 && !archs.some((a) => CAUSAL_LM_ARCHITECTURES.includes(a as string))) {
    throw new Error(`${where}: architectures ${JSON.stringify(archs)} is not supported; GIRL loads ${CAUSAL_LM_ARCHITECTURES.join(', ')}.`);
  }
  if (j['model_type'] === 'gpt2' || girl) return configFromJson(j, where);
  return llamaConfigFromHf(j, where, maxContext);
}
