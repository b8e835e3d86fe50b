/** Stage 1: a byte-level BPE tokenizer trained on the training CVs and JDs. */
import { Tokenizer } from '@girl/tokenizer';
import { loadTokenizer, saveTokenizer } from '@girl/tokenizer/node';
import type { StageContext } from './context.js';
import { baseTokenizer } from './base-model.js';

/** The tokenizer file inside a run. */
export const TOKENIZER_FILE = 'tokenizer.girl.json';

/** Trains and saves the tokenizer; returns its size. */
export async function runTokenizerStage(ctx: StageContext): Promise<{ vocabSize: number; texts: number }> {
  const base = ctx.config.model.baseModel;
  if (base) {
    const tok = await baseTokenizer(base);
    await saveTokenizer(tok, ctx.run.file(TOKENIZER_FILE));
    return { vocabSize: tok.vocabSize, texts: 0 };
  }
  const texts = [...new Set([...ctx.data.sftTrain.flatMap((p) => [p.cv, p.jd]), ...ctx.data.pairsTrain.flatMap((p) => [p.cv, p.jd])])];
  const target = ctx.config.tokenizer.vocabSize;
  const bar = ctx.progress('tokenizer', target);
  const tok = Tokenizer.train(texts, { vocabSize: target, onProgress: (p) => bar.update(Math.min(target, p.merges + 262), `${p.merges} merges`) });
  bar.update(target);
  bar.stop();
  await saveTokenizer(tok, ctx.run.file(TOKENIZER_FILE));
  return { vocabSize: tok.vocabSize, texts: texts.length };
}

/** Loads the run's tokenizer. */
export async function loadRunTokenizer(ctx: Pick<StageContext, 'run'>): Promise<Tokenizer> {
  return loadTokenizer(ctx.run.file(TOKENIZER_FILE));
}
