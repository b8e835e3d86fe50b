import { createHash } from 'node:crypto';
import type { CausalLM, GenerateOptions } from '@girl/generator';
import { generateJd } from '@girl/generator';
import type { Tokenizer } from '@girl/tokenizer';
import type { GenerateFn } from '../cache/jd-cache.js';

/**
 * A {@link GenerateFn} over GIRL's generator (`generateJd`: the SFT prompt, KV cache, batched). Greedy by
 * default; pass the same `options` as the cache's `settings` so the cache key follows them.
 *
 * @example
 * ```ts
 * const settings = { maxNewTokens: 128 };
 * const cache = await JdCache.open({ file, modelId: fingerprintModel(model), settings });
 * const jds = await cache.generate(cvs, generatorFn(model, tok, settings), { batchSize: 16 });
 * ```
 */
export function generatorFn(model: CausalLM, tokenizer: Tokenizer, options: GenerateOptions = {}): GenerateFn {
  return async (cvs) => generateJd(model, tokenizer, cvs, { maxNewTokens: 128, ...options }).texts;
}

/**
 * A short id of a model's weights and config: sha256 over the config and every parameter's name, shape
 * and values (reads the weights once; ~10 ms for the tiny preset). Use it as the cache's `modelId` so a
 * retrained model never reads another model's JDs.
 *
 * @example
 * ```ts
 * fingerprintModel(model); // 'gpt-3f2a9c1e0b7d'
 * ```
 */
export function fingerprintModel(model: CausalLM): string {
  const h = createHash('sha256').update(JSON.stringify(model.config));
  for (const name of Object.keys(model.params).sort()) {
    const v = model.params[name];
    if (!v) continue;
    const data = v.dataSync() as Float32Array;
    h.update(`${name}:${v.shape.join('x')}:`).update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }
  return `gpt-${h.digest('hex').slice(0, 12)}`;
}
