/**
 * `--base-model <dir>`: the run starts from a pretrained Hugging Face folder instead of random weights.
 * The tokenizer stage takes the folder's tokenizer.json (plus GIRL's template tokens) instead of training
 * one; SFT and a fresh reward backbone start from the folder's weights (@girl/generator's loadBaseModel).
 */
import { loadBaseModel } from '@girl/generator';
import type { CausalLM } from '@girl/generator';
import { DEFAULT_SPECIAL_TOKENS } from '@girl/tokenizer';
import type { Tokenizer } from '@girl/tokenizer';
import { loadTokenizer } from '@girl/tokenizer/node';

/** The base folder's tokenizer with GIRL's template tokens added (the same ids {@link baseModelFor} gets). */
export async function baseTokenizer(dir: string): Promise<Tokenizer> {
  const tok = await loadTokenizer(`${dir}/tokenizer.json`).catch((cause: unknown) => {
    throw new Error(`--base-model: cannot read '${dir}/tokenizer.json' (${(cause as Error).message}); the base model's tokenizer is required.`, { cause });
  });
  const missing = Object.values(DEFAULT_SPECIAL_TOKENS).filter((t) => tok.specialId(t) === undefined);
  return missing.length > 0 ? tok.withSpecialTokens(missing) : tok;
}

/** The base model, its vocabulary fitted to the run's tokenizer; checked to be the same tokenizer. */
export async function baseModelFor(dir: string, tok: Tokenizer, contextLength: number, log: (line: string) => void): Promise<CausalLM> {
  const base = await loadBaseModel(dir, { maxContext: contextLength });
  if (base.tokenizer.vocabSize !== tok.vocabSize) {
    base.model.dispose();
    throw new Error(`--base-model: '${dir}' now has a tokenizer of ${base.tokenizer.vocabSize} ids but the run's has ${tok.vocabSize}; was the folder changed since the run started?`);
  }
  log(`  base model: ${dir} (${(base.parameters / 1e6).toFixed(1)} M parameters, ${(base.bytesRead / 2 ** 20).toFixed(1)} MiB read)`);
  return base.model;
}
