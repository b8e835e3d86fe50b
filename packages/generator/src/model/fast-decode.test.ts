import { beforeAll, describe, expect, it } from 'vitest';
import { fusedDecoderAvailable, initBackend } from '@girl/tensor';
import { generate } from '../generate/generate.js';
import { microModel, microTokenizer } from '../testing/micro.js';
import { positionsFromMask } from './gpt.js';
import { openFastDecoder, stepPositions } from './fast-decode.js';

describe('stepPositions', () => {
  it('numbers a prefill like positionsFromMask and continues each row from its last real token', () => {
    const mask = [0, 0, 1, 1, 1, 0, 1, 1, 1, 1];
    const next = new Int32Array(2);
    expect(Array.from(stepPositions(next, mask, 5))).toEqual(Array.from(positionsFromMask(mask, 2, 5)));
    expect(Array.from(next)).toEqual([3, 4]);
    // a step: row 0 real (position 3), row 1 finished (padding repeats position 3)
    expect(Array.from(stepPositions(next, [1, 0], 1))).toEqual([3, 3]);
    expect(Array.from(next)).toEqual([4, 4]);
    expect(() => stepPositions(next, [1, 1, 1], 1)).toThrow(/mask has 3 entries, expected 2×1/);
  });
});

const NATIVE = await initBackend('native').then(
  () => true,
  () => false,
);

describe.skipIf(!NATIVE)('generate on native: the fused decoder', () => {
  beforeAll(async () => {
    await initBackend('native');
  });

  it('is what the KV-cache path runs, and gives the tokens and log-probs of full re-computation (left padding, EOS)', () => {
    const tok = microTokenizer();
    const model = microModel(tok, {}, 11);
    expect(fusedDecoderAvailable()).toBe(true);
    const fast = openFastDecoder(model, 1, 8);
    expect(fast).not.toBeNull();
    fast?.dispose();
    const prompts = [tok.encode('Data engineer with Python'), tok.encode('nurse'), tok.encode('Restaurant looking for a chef: sauces, pastry')];
    const opts = { maxNewTokens: 24, stopAtEos: false };
    const cached = generate(model, tok, prompts, { ...opts, useCache: true });
    const uncached = generate(model, tok, prompts, { ...opts, useCache: false });
    expect(cached.tokens).toEqual(uncached.tokens);
    for (let b = 0; b < 3; b++) for (let i = 0; i < 24; i++) expect(cached.rawLogprobs[b]![i]).toBeCloseTo(uncached.rawLogprobs[b]![i]!, 4);
    const alone = generate(model, tok, [prompts[1]!], { ...opts, useCache: true });
    expect(alone.tokens[0]).toEqual(cached.tokens[1]);
    // rows that stop early are fed padding (mask 0) while the others go on
    const eos = cached.tokens[1]![3]!;
    const stopped = generate(model, tok, prompts, { maxNewTokens: 24, eosTokenId: eos, useCache: true });
    const stoppedRef = generate(model, tok, prompts, { maxNewTokens: 24, eosTokenId: eos, useCache: false });
    expect(stopped.tokens).toEqual(stoppedRef.tokens);
    expect(stopped.finished[1]).toBe(true);
    model.dispose();
  });

  it('samples the same tokens as full re-computation with the same seed (untied head)', () => {
    const tok = microTokenizer();
    const model = microModel(tok, { tiedHead: false }, 12);
    expect(model.params['lm_head.weight']).toBeDefined();
    const prompts = ['<|bos|>Data', '<|bos|>We seek a nurse'];
    const o = { maxNewTokens: 16, doSample: true, temperature: 1.3, topK: 50, topP: 0.95, repetitionPenalty: 1.2, seed: 5, stopAtEos: false };
    const a = generate(model, tok, prompts, o);
    const b = generate(model, tok, prompts, { ...o, useCache: false });
    expect(a.tokens).toEqual(b.tokens);
    model.dispose();
  });
});
