/**
 * Loads a Hugging Face model folder into a GIRL {@link CausalLM}: `config.json` (GPT-2, Llama, Qwen2,
 * Qwen3, Mistral), `model.safetensors` or a sharded index (F32 / F16 / BF16, streamed tensor by
 * tensor) and the tokenizer (`tokenizer.girl.json`, else `tokenizer.json`). Everything is checked before
 * any weight is read, and a failure part-way frees what was read: nothing is left half-loaded.
 */
import { tf } from '@girl/tensor';
import type { Tensor } from '@girl/tensor';
import { Tokenizer } from '@girl/tokenizer';
import { modelFromTensors } from '../model/causal-lm.js';
import type { CausalLM, ModelConfig } from '../model/causal-lm.js';
import { modelConfigFromJson } from './model-config-json.js';
import { listFolderTensors, readTensorF32 } from './safetensors-stream.js';
import { verifyChecksumsStreaming } from './checksums-stream.js';
import type { StoredTensor } from './safetensors-stream.js';
import { hfWeights, isIgnorableTensor } from './weight-map.js';

/** Options of {@link loadHfModel}. */
export interface LoadHfOptions {
  /** Cap on the model's context (a checkpoint's `max_position_embeddings` may be 32 k+). Default: the checkpoint's. */
  maxContext?: number;
  /** Read the tokenizer too. Default `true`. */
  tokenizer?: boolean;
}

/** What {@link loadHfModel} returns. */
export interface LoadedHfModel {
  model: CausalLM;
  config: ModelConfig;
  /** The folder's tokenizer, or null when it has none (or `tokenizer: false`). */
  tokenizer: Tokenizer | null;
  /** `bos_token_id`, `eos_token_id`, `pad_token_id` of config.json (first one when a list), where given. */
  specialTokens: { bos?: number; eos?: number; pad?: number };
  /** Parameters loaded (tied head once). */
  parameters: number;
  /** Bytes of weights read from disk (file dtype), and the bytes the float32 model holds. */
  bytesRead: number;
  bytesInMemory: number;
}

/** The checkpoint tensor for each parameter, checked: present, shaped as config.json implies, and nothing unexplained left over. */
export function planLoad(cfg: ModelConfig, stored: Map<string, StoredTensor>, dir: string): { name: string; src: StoredTensor; transposed: boolean }[] {
  const files = [...new Set([...stored.values()].map((t) => t.file))].join(', ') || `${dir}/model.safetensors`;
  const used = new Set<string>();
  const plan = hfWeights(cfg).map((w) => {
    const src = w.fileNames.map((n) => stored.get(n)).find((t) => t !== undefined);
    if (!src) throw new Error(`loadHfModel: ${files} has no tensor '${w.fileNames[0]}' [${w.fileShape}] that ${dir}/config.json implies.`);
    if (src.shape.length !== w.fileShape.length || src.shape.some((d, i) => d !== w.fileShape[i])) {
      throw new Error(`loadHfModel: tensor '${src.name}' in '${src.file}' has shape [${src.shape}], ${dir}/config.json implies [${w.fileShape}].`);
    }
    used.add(src.name);
    return { name: w.name, src, transposed: w.transposed };
  });
  for (const [name, t] of stored) {
    if (!used.has(name) && !isIgnorableTensor(name, cfg)) {
      throw new Error(`loadHfModel: '${t.file}' holds tensor '${name}' [${t.shape}] that a model with ${dir}/config.json does not have; is config.json from another model (layers, heads, tied embeddings)?`);
    }
  }
  return plan;
}

function firstId(v: unknown): number | undefined {
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'number' ? x : undefined;
}

/**
 * Loads a Hugging Face (or GIRL-exported) model folder.
 *
 * @throws Error naming the file, the tensor and the expected and actual shapes, for: unsupported
 * architecture, missing or extra tensor, shape mismatch, truncated or corrupt safetensors, a tokenizer
 * larger than the model's vocabulary.
 * @example
 * ```ts
 * const { model, tokenizer, parameters } = await loadHfModel('models/Qwen3-0.6B', { maxContext: 1024 });
 * ```
 */
export async function loadHfModel(dir: string, options: LoadHfOptions = {}): Promise<LoadedHfModel> {
  const { readFile } = await import('node:fs/promises');
  // 0. a folder GIRL wrote carries checksums.sha256: every file checked (streamed) before any is trusted
  await verifyChecksumsStreaming(dir);
  // 1. config.json
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(await readFile(`${dir}/config.json`, 'utf8')) as Record<string, unknown>;
  } catch (cause) {
    throw new Error(`loadHfModel: cannot read '${dir}/config.json' as JSON; is '${dir}' a Hugging Face model folder?`, { cause });
  }
  const config = modelConfigFromJson(json, `${dir}/config.json`, options.maxContext ?? Infinity);
  // 2. tokenizer (before the weights: a mismatch should cost no reading)
  let tokenizer: Tokenizer | null = null;
  if (options.tokenizer !== false) {
    const read = (f: string) => readFile(`${dir}/${f}`, 'utf8').catch(() => null);
    const girl = await read('tokenizer.girl.json');
    const hf = girl === null ? await read('tokenizer.json') : null;
    if (girl !== null) tokenizer = Tokenizer.fromJSON(JSON.parse(girl));
    else if (hf !== null) tokenizer = Tokenizer.fromHuggingFace(JSON.parse(hf));
    if (tokenizer && tokenizer.vocabSize > config.vocabSize) {
      throw new Error(`loadHfModel: '${dir}/${girl !== null ? 'tokenizer.girl.json' : 'tokenizer.json'}' has ${tokenizer.vocabSize} ids but '${dir}/config.json' has vocab_size ${config.vocabSize}; the tokenizer belongs to another model.`);
    }
  }
  // 3. every tensor located and checked before any is read
  const plan = planLoad(config, await listFolderTensors(dir), dir);
  // 4. stream the weights, one tensor at a time
  const tensors: Record<string, Tensor> = {};
  let bytesRead = 0;
  try {
    for (const { name, src, transposed } of plan) {
      const values = await readTensorF32(src);
      bytesRead += src.end - src.begin;
      const t = tf.tensor(values, src.shape, 'float32');
      tensors[name] = transposed ? tf.tidy(() => tf.transpose(t)) : t;
      if (transposed) t.dispose();
    }
  } catch (error) {
    tf.dispose(Object.values(tensors));
    throw error;
  }
  const model = modelFromTensors(config, tensors, { dispose: true });
  return {
    model,
    config,
    tokenizer,
    specialTokens: {
      ...(firstId(json['bos_token_id']) !== undefined ? { bos: firstId(json['bos_token_id']) } : {}),
      ...(firstId(json['eos_token_id']) !== undefined ? { eos: firstId(json['eos_token_id']) } : {}),
      ...(firstId(json['pad_token_id']) !== undefined ? { pad: firstId(json['pad_token_id']) } : {}),
    },
    parameters: model.numParameters,
    bytesRead,
    bytesInMemory: model.numParameters * 4,
  };
}
