/**
 * Fitting a pretrained model's vocabulary to its tokenizer, as transformers' `resize_token_embeddings`:
 * rows for tokens added to the tokenizer (GIRL's template tokens) start at the mean of the existing rows,
 * so a new token begins as "an average token"; padding rows beyond the tokenizer (checkpoints round
 * `vocab_size` up) are dropped, so generation can never pick an id the tokenizer cannot decode.
 */
import { tf } from '@girl/tensor';
import type { Tensor } from '@girl/tensor';
import { modelFromTensors } from '../model/causal-lm.js';
import type { CausalLM } from '../model/causal-lm.js';
import { isLlamaConfig } from '../model/llama-config.js';

/** Appends `n` rows, each the mean of the existing rows: `[V, C]` → `[V + n, C]`. */
function grow(table: Tensor, n: number): Tensor {
  return tf.tidy(() => tf.concat([table, tf.tile(tf.mean(table, 0, true), [n, 1])], 0));
}

/** Keeps the first `n` rows: `[V, C]` → `[n, C]`. */
function shrink(table: Tensor, n: number): Tensor {
  return tf.slice(table, [0, 0], [n, table.shape[1] as number]);
}

/**
 * A model with exactly `vocabSize` rows, sharing nothing with `model`, which is disposed. Returns
 * `model` itself when it already has that many.
 *
 * @example
 * ```ts
 * const tok = hfTok.withSpecialTokens(['<|cv|>', '<|jd|>']);
 * model = resizeVocab(model, tok.vocabSize);
 * ```
 */
export function resizeVocab(model: CausalLM, vocabSize: number): CausalLM {
  const V = model.config.vocabSize;
  if (!Number.isInteger(vocabSize) || vocabSize < 1) throw new RangeError(`resizeVocab: vocabSize must be a positive integer, got ${vocabSize}.`);
  if (vocabSize === V) return model;
  const fit = (t: Tensor) => (vocabSize > V ? grow(t, vocabSize - V) : shrink(t, vocabSize));
  const embedName = isLlamaConfig(model.config) ? 'model.embed_tokens.weight' : 'transformer.wte.weight';
  const tensors: Record<string, Tensor> = {};
  for (const [name, p] of Object.entries(model.params)) {
    tensors[name] = name === embedName || name === 'lm_head.weight' ? fit(p) : tf.clone(p);
  }
  const resized = modelFromTensors({ ...model.config, vocabSize }, tensors, { dispose: true });
  model.dispose();
  return resized;
}
