/**
 * A pretrained starting point for SFT and the reward model: a Hugging Face folder loaded with
 * {@link loadHfModel}, its own tokenizer (`tokenizer.json`) extended with GIRL's template tokens
 * (`<|bos|> <|cv|> <|sep|> <|jd|> <|eos|> <|pad|>`, new special ids after the existing ones), and the
 * vocabulary fitted to that tokenizer ({@link resizeVocab}: new rows mean-initialised, padding rows dropped).
 */
import { DEFAULT_SPECIAL_TOKENS } from '@girl/tokenizer';
import type { Tokenizer } from '@girl/tokenizer';
import type { CausalLM } from '../model/causal-lm.js';
import { loadHfModel } from './load-hf.js';
import { resizeVocab } from './resize-vocab.js';

/** What {@link loadBaseModel} returns. */
export interface BaseModel {
  model: CausalLM;
  /** The folder's tokenizer with GIRL's template tokens. */
  tokenizer: Tokenizer;
  /** Template tokens that were added to the tokenizer (empty when it already had them all). */
  addedTokens: string[];
  /** Parameters and bytes read, as {@link loadHfModel} reports them. */
  parameters: number;
  bytesRead: number;
}

/**
 * Loads a pretrained model folder as GIRL's starting point.
 *
 * @param maxContext caps the model's context (e.g. the run's `model.contextLength`)
 * @throws Error naming the folder when it has no tokenizer, or what {@link loadHfModel} throws.
 * @example
 * ```ts
 * const { model, tokenizer } = await loadBaseModel('models/SmolLM2-135M', { maxContext: 512 });
 * ```
 */
export async function loadBaseModel(dir: string, options: { maxContext?: number } = {}): Promise<BaseModel> {
  const loaded = await loadHfModel(dir, options.maxContext !== undefined ? { maxContext: options.maxContext } : {});
  if (!loaded.tokenizer) {
    loaded.model.dispose();
    throw new Error(`loadBaseModel: '${dir}' has no tokenizer.json (or tokenizer.girl.json); a base model brings its own tokenizer.`);
  }
  const missing = Object.values(DEFAULT_SPECIAL_TOKENS).filter((t) => loaded.tokenizer!.specialId(t) === undefined);
  const tokenizer = missing.length > 0 ? loaded.tokenizer.withSpecialTokens(missing) : loaded.tokenizer;
  const model = resizeVocab(loaded.model, tokenizer.vocabSize);
  return { model, tokenizer, addedTokens: missing, parameters: loaded.parameters, bytesRead: loaded.bytesRead };
}
