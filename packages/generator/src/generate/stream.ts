import type { Tokenizer } from '@girl/tokenizer';
import { StreamDecoder } from '@girl/tokenizer';
import type { CausalLM } from '../model/causal-lm.js';
import { decodeSteps, encodePrompts, specialIdsFor } from './generate.js';
import type { GenerateOptions } from './generate.js';

/** Gives the event loop a turn: `setImmediate` in Node, a zero-delay timer in browsers (which lack it). */
function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (cb: () => void) => unknown }).setImmediate;
  return new Promise<void>((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0)));
}

/**
 * Generates for one prompt and yields text as it is written: an async iterator of chunks that never
 * split a multi-byte character (the tokenizer's `StreamDecoder`), special tokens left out. The event loop
 * gets a turn after every token, so a server can flush each chunk. Stopping the loop early (`break`)
 * frees the KV cache.
 *
 * @example
 * ```ts
 * for await (const chunk of generateStream(model, tok, sftPrompt(tok, cv), { maxNewTokens: 128 })) {
 *   process.stdout.write(chunk);
 * }
 * ```
 */
export async function* generateStream(
  model: CausalLM,
  tok: Tokenizer,
  prompt: string | readonly number[],
  options: GenerateOptions = {},
): AsyncGenerator<string, void, undefined> {
  const [ids] = encodePrompts(tok, [prompt] as readonly string[] | readonly (readonly number[])[]);
  const decoder = new StreamDecoder(tok, { skipSpecial: true });
  for (const s of decodeSteps(model, [ids as number[]], { ...options, ...specialIdsFor(tok, options) })) {
    if (s.real[0]) {
      const text = decoder.push([s.tokens[0] as number]);
      if (text) yield text;
    }
    await yieldToEventLoop();
  }
  const rest = decoder.flush();
  if (rest) yield rest;
}
