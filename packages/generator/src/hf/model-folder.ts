/**
 * `saveModel` / `loadModel` for a model of either family: a GPT goes through the GPT-2 folder code
 * (`safetensors-export.ts`, unchanged), a Llama-family model through {@link saveHfModel} /
 * {@link loadHfModel}. Callers (the CLI's run folders, PPO scripts) need not know the family.
 */
import type { Tokenizer } from '@girl/tokenizer';
import type { CausalLM, ModelConfig } from '../model/causal-lm.js';
import { isLlamaConfig } from '../model/llama-config.js';
import type { GPT } from '../model/gpt.js';
import { loadModel as loadGptFolder, saveModel as saveGptFolder } from '../safetensors-export.js';
import type { SaveModelOptions } from '../safetensors-export.js';
import { loadHfModel } from './load-hf.js';
import { saveHfModel } from './save-hf.js';

/** What {@link loadModel} returns. */
export interface LoadedModel {
  model: CausalLM;
  /** The folder's tokenizer (GIRL format preferred, else HF `tokenizer.json`), or null. */
  tokenizer: Tokenizer | null;
  config: ModelConfig;
}

/**
 * Writes `config.json`, `model.safetensors` and optionally the tokenizer into `dir` (files atomic).
 *
 * @example
 * ```ts
 * await saveModel(policy, 'runs/7/export', { tokenizer: tok }); // GPT-2 or Llama-family folder
 * ```
 */
export async function saveModel(model: CausalLM, dir: string, options: SaveModelOptions = {}): Promise<void> {
  if (isLlamaConfig(model.config)) return saveHfModel(model, dir, options);
  return saveGptFolder(model as GPT, dir, options);
}

/**
 * Loads a folder written by {@link saveModel} or a Hugging Face causal-LM folder (GPT-2, Llama, Qwen2,
 * Qwen3, Mistral).
 *
 * @throws Error naming the file and what is wrong.
 */
export async function loadModel(dir: string): Promise<LoadedModel> {
  const { readFile } = await import('node:fs/promises');
  const raw = await readFile(`${dir}/config.json`, 'utf8').catch(() => null);
  let kind: unknown = null;
  try {
    const j = raw === null ? {} : (JSON.parse(raw) as { model_type?: unknown; girl?: { format?: unknown } });
    kind = j.girl?.format ?? j.model_type;
  } catch {
    kind = null; // the GPT loader reports the bad JSON
  }
  const llama = kind === 'girl-llama' || kind === 'llama' || kind === 'qwen2' || kind === 'qwen3' || kind === 'mistral';
  if (!llama) return loadGptFolder(dir);
  const { model, tokenizer, config } = await loadHfModel(dir);
  return { model, tokenizer, config };
}
