/**
 * Weights export and import as a Hugging Face-style folder: `config.json` (GPT-2 fields plus a `girl`
 * block), `model.safetensors` (HF GPT-2 tensor names and layouts) and, when given, the tokenizer
 * (`tokenizer.json` in HF format and `tokenizer.girl.json` in GIRL's own).
 *
 * Because names, layouts (Conv1D `[in, out]`), activation (`gelu_new`) and LayerNorm epsilon match GPT-2,
 * `GPT2LMHeadModel.from_pretrained(dir)` reads the folder (tokenizer: `PreTrainedTokenizerFast`).
 */
import { loadSafetensors, saveSafetensors, tf, writeFileAtomic, writeJsonAtomic } from '@girl/tensor';
import type { Tensor } from '@girl/tensor';
import { Tokenizer } from '@girl/tokenizer';
import { resolveGptConfig } from './config.js';
import type { GptConfig } from './config.js';
import { GPT, parameterShapes } from './model/gpt.js';
import { verifyChecksums, writeChecksums } from './export-checksums.js';

/** Format tag and version of the `girl` block in `config.json`. */
export const MODEL_FORMAT = 'girl-gpt';
export const MODEL_FORMAT_VERSION = 1;

/** Options of {@link saveModel}. */
export interface SaveModelOptions {
  /** Also write the tokenizer (HF `tokenizer.json` + `tokenizer.girl.json`). Default: none. */
  tokenizer?: Tokenizer;
  /** Storage dtype of the weights. Default `'F32'`; `'F16'` halves the file for release. */
  dtype?: 'F32' | 'F16';
}

/** HF GPT-2 `config.json` for a config (plus GIRL's own block, which {@link loadModel} prefers). */
export function hfConfigJson(cfg: GptConfig, tok?: Tokenizer): Record<string, unknown> {
  return {
    model_type: 'gpt2',
    architectures: ['GPT2LMHeadModel'],
    vocab_size: cfg.vocabSize,
    n_positions: cfg.contextLength,
    n_ctx: cfg.contextLength,
    n_embd: cfg.dModel,
    n_layer: cfg.nLayer,
    n_head: cfg.nHead,
    n_inner: Math.round(cfg.mlpRatio * cfg.dModel),
    activation_function: 'gelu_new',
    layer_norm_epsilon: cfg.layerNormEps,
    resid_pdrop: cfg.dropout,
    embd_pdrop: cfg.dropout,
    attn_pdrop: 0,
    tie_word_embeddings: cfg.tiedHead,
    ...(tok?.bosId !== undefined ? { bos_token_id: tok.bosId } : {}),
    ...(tok?.eosId !== undefined ? { eos_token_id: tok.eosId } : {}),
    ...(tok?.padId !== undefined ? { pad_token_id: tok.padId } : {}),
    torch_dtype: 'float32',
    girl: { format: MODEL_FORMAT, version: MODEL_FORMAT_VERSION, config: cfg },
  };
}

/**
 * Writes `config.json`, `model.safetensors` and optionally the tokenizer into `dir` (created if needed;
 * every file written atomically), then `checksums.sha256`, which {@link loadModel} verifies.
 *
 * @example
 * ```ts
 * await saveModel(model, 'runs/7/export', { tokenizer: tok });
 * const { model: same, tokenizer } = await loadModel('runs/7/export');
 * ```
 */
export async function saveModel(model: GPT, dir: string, options: SaveModelOptions = {}): Promise<void> {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(dir, { recursive: true });
  await saveSafetensors(`${dir}/model.safetensors`, model.params, {
    dtype: options.dtype ?? 'F32',
    metadata: { format: 'pt', girl_format: MODEL_FORMAT, girl_version: String(MODEL_FORMAT_VERSION) },
  });
  if (options.tokenizer) {
    await writeFileAtomic(`${dir}/tokenizer.json`, JSON.stringify(options.tokenizer.toHuggingFace()));
    await writeFileAtomic(`${dir}/tokenizer.girl.json`, JSON.stringify(options.tokenizer.toJSON()));
  }
  await writeJsonAtomic(`${dir}/config.json`, hfConfigJson(model.config, options.tokenizer));
  await writeChecksums(dir, ['config.json', 'model.safetensors', ...(options.tokenizer ? ['tokenizer.json', 'tokenizer.girl.json'] : [])]);
}

/** What {@link loadModel} returns. */
export interface LoadedModel {
  model: GPT;
  /** The tokenizer found in the folder (GIRL format preferred, else HF `tokenizer.json`), or null. */
  tokenizer: Tokenizer | null;
  config: GptConfig;
}

/** Reads a GptConfig from a config.json: GIRL's block when present, else the GPT-2 fields. */
export function configFromJson(json: unknown, where = 'config.json'): GptConfig {
  if (typeof json !== 'object' || json === null) throw new Error(`loadModel: ${where} is not a JSON object.`);
  const j = json as Record<string, unknown>;
  const girl = j['girl'] as { format?: unknown; version?: unknown; config?: unknown } | undefined;
  if (girl && typeof girl === 'object') {
    if (girl.format !== MODEL_FORMAT) throw new Error(`loadModel: ${where} has girl.format ${JSON.stringify(girl.format)}, expected '${MODEL_FORMAT}'.`);
    if (girl.version !== MODEL_FORMAT_VERSION) {
      throw new Error(`loadModel: ${where} has girl.version ${String(girl.version)}; this @girl/generator reads version ${MODEL_FORMAT_VERSION}. Upgrade @girl/generator.`);
    }
    return resolveGptConfig(girl.config as GptConfig);
  }
  if (j['model_type'] !== 'gpt2') throw new Error(`loadModel: ${where} has model_type ${JSON.stringify(j['model_type'])}; only GPT-2-style models ('gpt2') can be read.`);
  const act = j['activation_function'] ?? 'gelu_new';
  if (act !== 'gelu_new' && act !== 'gelu_pytorch_tanh') {
    throw new Error(`loadModel: ${where} has activation_function '${String(act)}'; GIRL's GPT uses the tanh GELU ('gelu_new').`);
  }
  const nEmbd = j['n_embd'] as number;
  return resolveGptConfig({
    vocabSize: j['vocab_size'] as number,
    contextLength: (j['n_positions'] ?? j['n_ctx']) as number,
    dModel: nEmbd,
    nLayer: j['n_layer'] as number,
    nHead: j['n_head'] as number,
    mlpRatio: j['n_inner'] ? (j['n_inner'] as number) / nEmbd : 4,
    dropout: 0,
    tiedHead: (j['tie_word_embeddings'] as boolean | undefined) ?? true,
    layerNormEps: (j['layer_norm_epsilon'] as number | undefined) ?? 1e-5,
  });
}

/**
 * Loads a folder written by {@link saveModel} (or a Hugging Face GPT-2 folder with safetensors weights,
 * names with or without the `transformer.` prefix).
 *
 * @throws Error naming the file and what is wrong (missing file, bad config, missing or misshapen tensor).
 */
export async function loadModel(dir: string): Promise<LoadedModel> {
  const { readFile } = await import('node:fs/promises');
  await verifyChecksums(dir); // a folder saveModel wrote: every file checked before any is trusted
  let raw: string;
  try {
    raw = await readFile(`${dir}/config.json`, 'utf8');
  } catch (cause) {
    throw new Error(`loadModel: cannot read '${dir}/config.json' (${(cause as NodeJS.ErrnoException).code}); is '${dir}' a folder written by saveModel?`, { cause });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (cause) {
    throw new Error(`loadModel: '${dir}/config.json' is not valid JSON.`, { cause });
  }
  const config = configFromJson(parsed, `${dir}/config.json`);
  const { tensors } = await loadSafetensors(`${dir}/model.safetensors`);
  const named: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(tensors)) {
    const full = name.startsWith('transformer.') || name.startsWith('lm_head.') ? name : `transformer.${name}`;
    named[full] = t;
  }
  const shapes = parameterShapes(config);
  for (const [name, shape] of Object.entries(shapes)) {
    const t = named[name];
    if (!t) {
      tf.dispose(Object.values(tensors));
      throw new Error(`loadModel: '${dir}/model.safetensors' has no tensor '${name}' [${shape}] that config.json implies.`);
    }
    if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
      tf.dispose(Object.values(tensors));
      throw new Error(`loadModel: tensor '${name}' in '${dir}/model.safetensors' has shape [${t.shape}], config.json implies [${shape}].`);
    }
  }
  const model = GPT.fromTensors(config, named);
  tf.dispose(Object.values(tensors));
  let tokenizer: Tokenizer | null = null;
  const read = async (f: string) => readFile(`${dir}/${f}`, 'utf8').catch(() => null);
  const girlTok = await read('tokenizer.girl.json');
  if (girlTok !== null) tokenizer = Tokenizer.fromJSON(JSON.parse(girlTok));
  else {
    const hfTok = await read('tokenizer.json');
    if (hfTok !== null) tokenizer = Tokenizer.fromHuggingFace(JSON.parse(hfTok));
  }
  return { model, tokenizer, config };
}
