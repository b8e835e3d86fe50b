/**
 * Weights export and import as a Hugging Face-style folder: `config.json` (GPT-2 fields plus a `girl`
 * block), `model.safetensors` (HF GPT-2 tensor names and layouts) and, when given, the tokenizer
 * (`tokenizer.json` in HF format and `tokenizer.girl.json` in GIRL's own).
 *
 * Because names, layouts (Conv1D `[in, out]`), activation (`gelu_new`) and LayerNorm epsilon match GPT-2,
 * `GPT2LMHeadModel.from_pretrained(dir)` reads the folder (tokenizer: `PreTrainedTokenizerFast`).
 */
import { writeFileAtomic, writeJsonAtomic } from '@girl/core/node';
import { saveSafetensors } from '@girl/tensor';
import type { Tokenizer } from '@girl/tokenizer';
import type { GPT } from './model/gpt.js';
import { configFromJson, hfConfigJson, MODEL_FORMAT, MODEL_FORMAT_VERSION } from './model-config-json.js';
import { modelFromFiles } from './model-files.js';
import type { LoadedModel } from './model-files.js';
import { verifyChecksums, writeChecksums } from './export-checksums.js';

export { configFromJson, hfConfigJson, MODEL_FORMAT, MODEL_FORMAT_VERSION };
export type { LoadedModel };

/** Options of {@link saveModel}. */
export interface SaveModelOptions {
  /** Also write the tokenizer (HF `tokenizer.json` + `tokenizer.girl.json`). Default: none. */
  tokenizer?: Tokenizer;
  /** Storage dtype of the weights. Default `'F32'`; `'F16'` halves the file for release. */
  dtype?: 'F32' | 'F16';
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

/**
 * Loads a folder written by {@link saveModel} (or a Hugging Face GPT-2 folder with safetensors weights,
 * names with or without the `transformer.` prefix). The checks are {@link modelFromFiles}'s.
 *
 * @throws Error naming the file and what is wrong (missing file, bad config, missing or misshapen tensor,
 * corrupt values).
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
  let config: unknown;
  try {
    config = JSON.parse(raw);
  } catch (cause) {
    throw new Error(`loadModel: '${dir}/config.json' is not valid JSON.`, { cause });
  }
  configFromJson(config, `${dir}/config.json`); // a bad config is reported before the weights are read
  let weights: Uint8Array;
  try {
    const buf = await readFile(`${dir}/model.safetensors`);
    weights = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (cause) {
    throw new Error(`loadSafetensors: cannot read '${dir}/model.safetensors' (${(cause as NodeJS.ErrnoException)?.code ?? (cause as Error)?.message}).`, { cause });
  }
  const read = async (f: string) => readFile(`${dir}/${f}`, 'utf8').catch(() => null);
  const girlTok = await read('tokenizer.girl.json');
  const hfTok = girlTok === null ? await read('tokenizer.json') : null;
  return modelFromFiles({
    config,
    weights,
    tokenizer: girlTok === null ? null : JSON.parse(girlTok),
    hfTokenizer: hfTok === null ? null : JSON.parse(hfTok),
    source: dir,
  });
}
