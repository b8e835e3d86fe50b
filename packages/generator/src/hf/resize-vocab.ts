/**
 * Growing a pretrained model's vocabulary for tokens added to its tokenizer (GIRL's template tokens on
 * a Hugging Face tokenizer), as transformers' `resize_token_embeddings`: new rows of the embedding (and
 * of an untied head) start at the mean of the existing rows, so new tokens begin as "an average token".
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

/**
 * A model with `vocabSize` rows (≥ the current), sharing nothing with `model`, which is disposed.
 * Returns `model` itself when it is already large enough.
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
  if (vocabSize <= V) return model;
  const embedName = isLlamaConfig(model.config) ? 'model.embed_tokens.weight' : 'transformer.wte.weight';
  const tensors: Record<string, Tensor> = {};
  for (const [name, p] of Object.entries(model.params)) {
    tensors[name] = name === embedName || name === 'lm_head.weight' ? grow(p, vocabSize - V) : tf.clone(p);
  }
  const resized = modelFromTensors({ ...model.config, vocabSize }, tensors, { dispose: true });
  model.dispose();
  return resized;
}
