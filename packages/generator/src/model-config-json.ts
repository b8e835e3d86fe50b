/**
 * config.json of a model folder: GPT-2's fields (so Hugging Face reads it) plus GIRL's own block, and the
 * way back to a GptConfig. No file system: shared by saveModel/loadModel and the browser.
 */
import type { Tokenizer } from '@girl/tokenizer';
import { resolveGptConfig } from './config.js';
import type { GptConfig } from './config.js';

/** Format tag and version of the `girl` block in `config.json`. */
export const MODEL_FORMAT = 'girl-gpt';
export const MODEL_FORMAT_VERSION = 1;

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
