/**
 * A model from the contents of its folder's files — config.json, model.safetensors, the tokenizer — with no
 * file system, so the same checks run in Node (`loadModel` reads the files, then calls this) and in a
 * browser (the job seeker's page fetches them).
 */
import { decodeSafetensors, safetensorsEntriesToTensors, tf } from '@girl/tensor';
import type { SafetensorsEntry, Tensor } from '@girl/tensor';
import { Tokenizer } from '@girl/tokenizer';
import { modelConfigFromJson } from './hf/model-config-json.js';
import { hfWeights, isIgnorableTensor } from './hf/weight-map.js';
import { modelFromTensors } from './model/causal-lm.js';
import type { CausalLM, ModelConfig } from './model/causal-lm.js';

/** The files of a model folder, already read (see {@link modelFromFiles}). */
export interface ModelFiles {
  /** Parsed `config.json`. */
  config: unknown;
  /** The bytes of `model.safetensors`. */
  weights: Uint8Array;
  /** Parsed `tokenizer.girl.json` (preferred), or null/absent. */
  tokenizer?: unknown;
  /** Parsed Hugging Face `tokenizer.json`, used when there is no GIRL tokenizer; or null/absent. */
  hfTokenizer?: unknown;
  /** The folder or URL the files came from, for error messages. Default `'model'`. */
  source?: string;
}

/** A model (GPT-2 or Llama family), its tokenizer (null when the folder has none) and its config. */
export interface LoadedModel {
  model: CausalLM;
  /** The tokenizer found in the folder (GIRL format preferred, else HF `tokenizer.json`), or null. */
  tokenizer: Tokenizer | null;
  config: ModelConfig;
}

/** Weights no trained GPT holds: a sign of a corrupt file rather than of a model. */
const IMPLAUSIBLE = 1e8;

/** The first non-finite or implausibly large value of a float entry, or null. */
function firstBadValue(entry: SafetensorsEntry): { index: number; value: number } | null {
  if (entry.dtype === 'F16' || entry.dtype === 'BF16') {
    const bits = entry.data as Uint16Array;
    const expMask = entry.dtype === 'F16' ? 0x7c00 : 0x7f80; // all-ones exponent: ±Infinity or NaN
    for (let i = 0; i < bits.length; i++) if (((bits[i] as number) & expMask) === expMask) return { index: i, value: NaN };
    return null;
  }
  if (entry.dtype !== 'F32' && entry.dtype !== 'F64') return null;
  const data = entry.data as Float32Array | Float64Array;
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (!(Math.abs(v) < IMPLAUSIBLE)) return { index: i, value: v };
  }
  return null;
}

/**
 * Builds a model from its folder's files, checking them the way `loadModel` does: the config, every
 * tensor the config implies (present, right shape), and the weights' values (no NaN, no ±Infinity, none
 * with |w| ≥ 1e8, which only a damaged file holds).
 *
 * @throws Error naming the file and what is wrong (bad config, truncated or malformed safetensors, missing
 * or misshapen tensor, corrupt values).
 * @example
 * ```ts
 * const [config, weights] = await Promise.all([
 *   fetch('policy/config.json').then((r) => r.json()),
 *   fetch('policy/model.safetensors').then((r) => r.arrayBuffer()),
 * ]);
 * const { model } = modelFromFiles({ config, weights: new Uint8Array(weights), source: 'policy' });
 * ```
 */
export function modelFromFiles(files: ModelFiles): LoadedModel {
  const dir = files.source ?? 'model';
  // 1. the config (GIRL's GPT or Llama format, or Hugging Face's gpt2 / llama / qwen2 / qwen3 / mistral)
  const config = modelConfigFromJson(files.config, `${dir}/config.json`);
  // 2. the tokenizer, checked against the config before any weight is converted
  let tokenizer: Tokenizer | null = null;
  if (files.tokenizer) tokenizer = Tokenizer.fromJSON(files.tokenizer);
  else if (files.hfTokenizer) tokenizer = Tokenizer.fromHuggingFace(files.hfTokenizer);
  if (tokenizer && tokenizer.vocabSize > config.vocabSize) {
    throw new Error(`loadModel: the tokenizer of '${dir}' has ${tokenizer.vocabSize} ids but '${dir}/config.json' has vocab_size ${config.vocabSize}; it belongs to another model.`);
  }
  // 3. every tensor the config implies: present (under any of its file names), shaped right, sane values
  const file = `${dir}/model.safetensors`;
  const { tensors: entries } = decodeSafetensors(files.weights, file);
  const chosen: Record<string, SafetensorsEntry> = {};
  const used = new Set<string>();
  const transposed = new Set<string>();
  for (const w of hfWeights(config)) {
    const fileName = w.fileNames.find((n) => entries[n] !== undefined);
    const e = fileName === undefined ? undefined : entries[fileName];
    if (!e || fileName === undefined) throw new Error(`loadModel: '${file}' has no tensor '${w.fileNames[0]}' [${w.fileShape}] that config.json implies.`);
    if (e.shape.length !== w.fileShape.length || e.shape.some((d, i) => d !== w.fileShape[i])) {
      throw new Error(`loadModel: tensor '${fileName}' in '${file}' has shape [${e.shape}], config.json implies [${w.fileShape}].`);
    }
    const bad = firstBadValue(e);
    if (bad) throw new Error(`loadModel: '${file}' is corrupt: tensor '${fileName}' holds ${Number.isNaN(bad.value) ? 'NaN or ±Infinity' : bad.value} at index ${bad.index}. Export the model again (or restore the file from a copy).`);
    chosen[w.name] = e;
    used.add(fileName);
    if (w.transposed) transposed.add(w.name);
  }
  // 4. nothing unexplained left over (a config.json from another model would otherwise load garbage)
  for (const [name, e] of Object.entries(entries)) {
    if (!used.has(name) && !isIgnorableTensor(name, config)) {
      throw new Error(`loadModel: '${file}' holds tensor '${name}' [${e.shape}] that a model with ${dir}/config.json does not have; is config.json from another model?`);
    }
  }
  // 5. float32 tensors in GIRL's layout (Llama's nn.Linear weights come transposed), then the model
  const tensors = safetensorsEntriesToTensors(chosen, file) as Record<string, Tensor>;
  for (const name of transposed) {
    const t = tensors[name] as Tensor;
    tensors[name] = tf.tidy(() => tf.transpose(t));
    t.dispose();
  }
  let model: CausalLM;
  try {
    model = modelFromTensors(config, tensors);
  } finally {
    tf.dispose(Object.values(tensors));
  }
  return { model, tokenizer, config };
}
