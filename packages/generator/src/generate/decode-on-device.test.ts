import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@girl/tensor';
import { generate } from './generate.js';
import { generateOnDevice } from './decode-on-device.js';
import { microModel, microTokenizer } from '../testing/micro.js';

/** Why webgpu is not tested here (null: an adapter started; `npm run test:webgpu` sets one up). */
const webgpuSkip = await initBackend('webgpu').then(
  () => null,
  (e: Error) => e.message,
);
if (webgpuSkip) console.warn(`[tests] generateOnDevice not tested on webgpu: ${webgpuSkip.split('; ')[0]}`);

for (const backend of webgpuSkip ? (['cpu', 'wasm'] as const) : (['cpu', 'wasm', 'webgpu'] as const)) {
  describe(`generateOnDevice on ${backend}`, () => {
    beforeAll(async () => {
      await initBackend(backend);
    });
    /** The host sampler's reference; on webgpu (no synchronous reads in Node) it runs on cpu, model made there. */
    const onHost = async <T>(f: () => T): Promise<T> => {
      if (backend !== 'webgpu') return f();
      await initBackend('cpu');
      try {
        return f();
      } finally {
        await initBackend('webgpu');
      }
    };

    it('greedy: the same tokens and log-probs as the host sampler (left-padded batch, EOS handling)', async () => {
      const tok = microTokenizer();
      const prompts = [tok.encode('Data engineer with Python'), tok.encode('nurse'), tok.encode('Restaurant looking for a chef')];
      const opts = { maxNewTokens: 20, repetitionPenalty: 1.3 };
      const { model, host } = await onHost(() => {
        const m = microModel(tok, {}, 21);
        return { model: m, host: generate(m, tok, prompts, opts) };
      });
      const device = await generateOnDevice(model, tok, prompts, opts);
      expect(device.tokens).toEqual(host.tokens);
      expect(device.finished).toEqual(host.finished);
      expect(Array.from(device.mask)).toEqual(Array.from(host.mask));
      for (let b = 0; b < 3; b++) {
        for (let i = 0; i < host.tokens[b]!.length; i++) {
          expect(device.rawLogprobs[b]![i]).toBeCloseTo(host.rawLogprobs[b]![i]!, 3);
          expect(device.logprobs[b]![i]).toBeCloseTo(host.logprobs[b]![i]!, 3);
        }
      }
      model.dispose();
    });

    it('sampling with temperature, top-k, top-p and a repetition penalty draws what the host draws from the same seed', async () => {
      const tok = microTokenizer();
      const prompts = ['<|bos|>Data', '<|bos|>We seek a nurse'];
      const o = { maxNewTokens: 16, doSample: true, temperature: 1.3, topK: 50, topP: 0.95, repetitionPenalty: 1.2, seed: 5, stopAtEos: false };
      const { model, host } = await onHost(() => {
        const m = microModel(tok, {}, 22);
        return { model: m, host: generate(m, tok, prompts, o) };
      });
      const device = await generateOnDevice(model, tok, prompts, o);
      const other = await generateOnDevice(model, tok, prompts, { ...o, seed: 6 });
      expect(device.tokens).toEqual(host.tokens);
      expect(other.tokens).not.toEqual(device.tokens);
      for (let b = 0; b < 2; b++) for (let i = 0; i < 16; i++) expect(device.logprobs[b]![i]).toBeCloseTo(host.logprobs[b]![i]!, 3);
      model.dispose();
    });
  });
}
