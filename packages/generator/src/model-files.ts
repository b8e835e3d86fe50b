/**
 * A model from the contents of its folder's files — config.json, model.safetensors, the tokenizer — with no
 * file system, so the same checks run in Node (`loadModel` reads the files, then calls this) and in a
 * browser (the job seeker's page fetches them).
 */
import { decodeSafetensors, safetensorsEntriesToTensors, tf } from '@girl/tensor';
import type { SafetensorsEntry, Tensor } from '@girl/tensor';
import { Tokenizer } from '@girl/tokenizer';
import type { GptConfig } from './config.js';
import { configFromJson } from './model-config-json.js';
import { GPT, parameterShapes } from './model/gpt.js';

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

/** A model, its tokenizer (null when the folder has none) and its config. */
export interface LoadedModel {
  model: GPT;
  /** The tokenizer found in the folder (GIRL format preferred, else HF `tokenizer.json`), or null. */
  tokenizer: Tokenizer | null;
  config: GptConfig;
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
  const config = configFromJson(files.config, `${dir}/config.json`);
  const file = `${dir}/model.safetensors`;
  const { tensors: entries } = decodeSafetensors(files.weights, file);
  const named: Record<string, SafetensorsEntry> = {};
  for (const [name, e] of Object.entries(entries)) {
    named[name.startsWith('transformer.') || name.startsWith('lm_head.') ? name : `transformer.${name}`] = e;
  }
  for (const [name, shape] of Object.entries(parameterShapes(config))) {
    const e = named[name];
    if (!e) throw new Error(`loadModel: '${file}' has no tensor '${name}' [${shape}] that config.json implies.`);
    if (e.shape.length !== shape.length || e.shape.some((d, i) => d !== shape[i])) {
      throw new Error(`loadModel: tensor '${name}' in '${file}' has shape [${e.shape}], config.json implies [${shape}].`);
    }
    const bad = firstBadValue(e);
    if (bad) throw new Error(`loadModel: '${file}' is corrupt: tensor '${name}' holds ${Number.isNaN(bad.value) ? 'NaN or ±Infinity' : bad.value} at index ${bad.index}. Export the model again (or restore the file from a copy).`);
  }
  const tensors = safetensorsEntriesToTensors(named, file);
  let model: GPT;
  try {
    model = GPT.fromTensors(config, tensors as Record<string, Tensor>);
  } finally {
    tf.dispose(Object.values(tensors));
  }
  let tokenizer: Tokenizer | null = null;
  if (files.tokenizer) tokenizer = Tokenizer.fromJSON(files.tokenizer);
  else if (files.hfTokenizer) tokenizer = Tokenizer.fromHuggingFace(files.hfTokenizer);
  return { model, tokenizer, config };
}
