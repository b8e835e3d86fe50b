/**
 * Writes a JD in the browser, token by token: the same decoding as `girl generate` (decodeSteps over the
 * SFT prompt, special tokens skipped, multi-byte characters never split), with the tokens counted so the
 * page can show tokens per second.
 */
import { decodeSteps, encodePrompts, sftPrompt } from '@girl/generator';
import type { CausalLM } from '@girl/generator';
import { StreamDecoder } from '@girl/tokenizer';
import type { Tokenizer } from '@girl/tokenizer';

/** Settings of one generation. */
export interface JdSettings {
  /** Longest JD in tokens. */
  maxNewTokens: number;
  /** 0: greedy (as `girl generate` without --temperature); above 0: sample at this temperature. */
  temperature: number;
  /** Sampling seed (used when temperature > 0). */
  seed: number;
  /**
   * The JD never repeats an n-gram of its own of this length (HF `no_repeat_ngram_size`; 0: off). Default
   * {@link PAGE_NO_REPEAT_NGRAM}, the same as `girl generate --ban-repeat-ngram`, so both write the same JD.
   */
  noRepeatNgramSize?: number;
}

/** The page's n-gram ban: `girl generate`'s default (`--ban-repeat-ngram 10`). */
export const PAGE_NO_REPEAT_NGRAM = 10;

/** A zero-delay turn of the event loop (a message, not a timer: browsers clamp nested timers to 4 ms). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(null);
  });
}

/** Yields `{ text, tokens }` after each token (text may be '' while a character is incomplete). */
export async function* streamJd(model: CausalLM, tok: Tokenizer, cv: string, s: JdSettings): AsyncGenerator<{ text: string; tokens: number }> {
  const eos = tok.eosId;
  if (eos === undefined) throw new Error('The tokenizer has no end-of-text token; export the run again.');
  const maxPromptTokens = model.config.contextLength - s.maxNewTokens;
  const prompt = sftPrompt(tok, cv, { maxPromptTokens });
  const [ids] = encodePrompts(tok, [prompt]);
  const decoder = new StreamDecoder(tok, { skipSpecial: true });
  const sampling = s.temperature > 0 ? { doSample: true, temperature: s.temperature, seed: s.seed } : {};
  let tokens = 0;
  for (const step of decodeSteps(model, [ids as number[]], { maxNewTokens: s.maxNewTokens, ...sampling, noRepeatNgramSize: s.noRepeatNgramSize ?? PAGE_NO_REPEAT_NGRAM, eosTokenId: eos, padTokenId: tok.padId ?? eos })) {
    if (step.real[0]) {
      tokens++;
      yield { text: decoder.push([step.tokens[0] as number]), tokens };
    }
    await nextTurn();
  }
  const rest = decoder.flush();
  if (rest) yield { text: rest, tokens };
}
