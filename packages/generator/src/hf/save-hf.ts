/**
 * Writes a {@link CausalLM} as a Hugging Face folder that transformers loads as the architecture it came
 * in (`GPT2LMHeadModel`, `LlamaForCausalLM`, `Qwen2ForCausalLM`, `Qwen3ForCausalLM`,
 * `MistralForCausalLM`): `config.json`, `model.safetensors` in PyTorch layouts, the tokenizer, and
 * `checksums.sha256` (written last; {@link loadHfModel} verifies it when present).
 */
import { writeFileAtomic, writeJsonAtomic } from '@girl/core/node';
import { saveSafetensors, tf } from '@girl/tensor';
import type { Tensor } from '@girl/tensor';
import type { Tokenizer } from '@girl/tokenizer';
import type { CausalLM } from '../model/causal-lm.js';
import { modelConfigJson } from './model-config-json.js';
import { hfStateDict } from './weight-map.js';
import { writeChecksums } from './checksums-stream.js';

/** Options of {@link saveHfModel}. */
export interface SaveHfOptions {
  /** Also write `tokenizer.json` (HF) and `tokenizer.girl.json`. Default: none. */
  tokenizer?: Tokenizer;
  /** Weight storage dtype. Default `'F32'` (exact); `'F16'` halves the file. */
  dtype?: 'F32' | 'F16';
  /** Replaces or adds `config.json` fields (e.g. a sequence-classification head's). Default: none. */
  configOverrides?: Record<string, unknown>;
  /** Extra tensors in HF layout (e.g. `score.weight`); not disposed. Default: none. */
  extraTensors?: Record<string, Tensor>;
  /** Leave `lm_head.weight` out (a sequence-classification export has no LM head). Default `false`. */
  withoutLmHead?: boolean;
}

/**
 * Writes `config.json`, `model.safetensors` and the tokenizer into `dir` (created; files atomic).
 *
 * @example
 * ```ts
 * await saveHfModel(policy, 'runs/7/hf-policy', { tokenizer: tok });
 * // python: AutoModelForCausalLM.from_pretrained('runs/7/hf-policy')
 * ```
 */
export async function saveHfModel(model: CausalLM, dir: string, options: SaveHfOptions = {}): Promise<void> {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(dir, { recursive: true });
  const { tensors, owned } = hfStateDict(model);
  try {
    if (options.withoutLmHead) delete tensors['lm_head.weight'];
    await saveSafetensors(`${dir}/model.safetensors`, { ...tensors, ...(options.extraTensors ?? {}) }, { dtype: options.dtype ?? 'F32', metadata: { format: 'pt' } });
  } finally {
    tf.dispose(owned);
  }
  if (options.tokenizer) {
    await writeFileAtomic(`${dir}/tokenizer.json`, JSON.stringify(options.tokenizer.toHuggingFace()));
    await writeFileAtomic(`${dir}/tokenizer.girl.json`, JSON.stringify(options.tokenizer.toJSON()));
  }
  const config = { ...modelConfigJson(model.config, options.tokenizer), ...(options.configOverrides ?? {}) };
  if (options.dtype === 'F16') config['torch_dtype'] = 'float16';
  await writeJsonAtomic(`${dir}/config.json`, config);
  await writeChecksums(dir, ['config.json', 'model.safetensors', ...(options.tokenizer ? ['tokenizer.json', 'tokenizer.girl.json'] : [])]); // last: verified on load
}
