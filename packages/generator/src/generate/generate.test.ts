import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '@girl/tensor';
import { generate, generateJd } from './generate.js';
import { generateStream } from './stream.js';
import { microModel, microTokenizer } from '../testing/micro.js';
import { sftPrompt } from '../sft/template.js';

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`generate on ${backend}`, () => {
    beforeAll(async () => {
      await initBackend(backend);
    });

    it('cached and uncached greedy decoding give identical tokens (batch of different prompt lengths, left padding)', () => {
      const tok = microTokenizer();
      const model = microModel(tok, {}, 11);
      const prompts = [tok.encode('Data engineer with Python'), tok.encode('nurse'), tok.encode('Restaurant looking for a chef: sauces, pastry')];
      const opts = { maxNewTokens: 24, stopAtEos: false };
      const cached = generate(model, tok, prompts, { ...opts, useCache: true });
      const uncached = generate(model, tok, prompts, { ...opts, useCache: false });
      expect(cached.tokens).toEqual(uncached.tokens);
      expect(cached.tokens.every((t) => t.length === 24)).toBe(true);
      for (let b = 0; b < 3; b++) for (let i = 0; i < 24; i++) expect(cached.rawLogprobs[b]![i]).toBeCloseTo(uncached.rawLogprobs[b]![i]!, 3);
      // a row generated alone equals the same row inside the padded batch
      const alone = generate(model, tok, [prompts[1]!], { ...opts, useCache: true });
      expect(alone.tokens[0]).toEqual(cached.tokens[1]);
      model.dispose();
    });

    it('noRepeatNgramSize: greedy output never repeats an n-gram of its own', () => {
      const tok = microTokenizer();
      const model = microModel(tok, {}, 13);
      const prompts = [tok.encode('Data engineer with Python'), tok.encode('nurse')];
      const plain = generate(model, tok, prompts, { maxNewTokens: 40, stopAtEos: false });
      const n = 3;
      const repeats = (ts: number[]) => {
        const grams = ts.slice(0, ts.length - n + 1).map((_, i) => ts.slice(i, i + n).join(','));
        return grams.length - new Set(grams).size;
      };
      // an untrained greedy model loops, so the ban has something to do
      expect(plain.tokens.some((t) => repeats(t) > 0)).toBe(true);
      const banned = generate(model, tok, prompts, { maxNewTokens: 40, stopAtEos: false, noRepeatNgramSize: n });
      for (const t of banned.tokens) {
        expect(t.length).toBe(40);
        expect(repeats(t)).toBe(0);
      }
      model.dispose();
    });

    it('sampling is reproducible per seed and cached == uncached with the same seed', () => {
      const tok = microTokenizer();
      const model = microModel(tok, {}, 12);
      const prompts = ['<|bos|>Data', '<|bos|>We seek a nurse'];
      const o = { maxNewTokens: 16, doSample: true, temperature: 1.3, topK: 50, topP: 0.95, repetitionPenalty: 1.2, seed: 5, stopAtEos: false };
      const a = generate(model, tok, prompts, o);
      const b = generate(model, tok, prompts, { ...o, useCache: false });
      const c = generate(model, tok, prompts, { ...o, seed: 6 });
      expect(a.tokens).toEqual(b.tokens);
      expect(a.tokens).not.toEqual(c.tokens);
      for (const row of a.logprobs) for (const lp of row) expect(lp).toBeLessThanOrEqual(1e-9);
      // the sampling distribution is sharper than / different from the raw one
      expect(a.logprobs.flat()).not.toEqual(a.rawLogprobs.flat());
      model.dispose();
    });
  });
}

describe('generate: EOS, masks, log-probs, streaming', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('stops rows at EOS, pads after, and returns a mask of real tokens', () => {
    const tok = microTokenizer();
    const model = microModel(tok, {}, 13);
    // make EOS the argmax after any input: a large bias towards id eos through the tied embedding is
    // awkward, so instead use a greedy run, find a token, and declare it the EOS
    const free = generate(model, tok, ['<|bos|>chef', '<|bos|>Data engineer'], { maxNewTokens: 10, stopAtEos: false });
    const eos = free.tokens[0]![2]!; // row 0 will stop at step ≤ 2
    const out = generate(model, tok, ['<|bos|>chef', '<|bos|>Data engineer'], { maxNewTokens: 10, eosTokenId: eos });
    const firstEos = free.tokens[0]!.indexOf(eos);
    expect(out.finished[0]).toBe(true);
    expect(out.tokens[0]).toEqual(free.tokens[0]!.slice(0, firstEos + 1));
    expect(out.logprobs[0]).toHaveLength(firstEos + 1);
    const steps = out.steps;
    const maskRow0 = Array.from(out.mask.subarray(0, steps));
    expect(maskRow0.filter(Boolean)).toHaveLength(firstEos + 1);
    expect(maskRow0.slice(firstEos + 1).every((m) => m === 0)).toBe(true);
    expect(Array.from(out.sequences.subarray(firstEos + 1, steps)).every((t) => t === tok.padId)).toBe(true);
    model.dispose();
  });

  it('raw log-probs equal log-softmax of a full forward at the generated tokens', () => {
    const tok = microTokenizer();
    const model = microModel(tok, {}, 14);
    const prompt = tok.encode('Hospital hiring');
    const out = generate(model, tok, [prompt], { maxNewTokens: 5, doSample: true, temperature: 0.7, seed: 1, stopAtEos: false });
    const seq = [...prompt, ...out.tokens[0]!];
    const logp = tf.tidy(() => tf.logSoftmax(model.forward(tf.tensor2d([seq], [1, seq.length], 'int32'))).arraySync() as number[][][]);
    for (let i = 0; i < 5; i++) {
      expect(out.rawLogprobs[0]![i]).toBeCloseTo(logp[0]![prompt.length - 1 + i]![seq[prompt.length + i]!]!, 4);
    }
    model.dispose();
  });

  it('streams the same text as generate, whole characters only', async () => {
    const tok = microTokenizer();
    const model = microModel(tok, {}, 15);
    const prompt = tok.encode('Unicode: 上海');
    const whole = generate(model, tok, [prompt], { maxNewTokens: 20, stopAtEos: false });
    const chunks: string[] = [];
    for await (const c of generateStream(model, tok, prompt, { maxNewTokens: 20, stopAtEos: false })) chunks.push(c);
    expect(chunks.join('')).toBe(whole.texts[0]);
    expect(chunks.length).toBeGreaterThan(1);
    // chunk boundaries never add a replacement character that the whole text does not have
    const count = (s: string) => (s.match(/\uFFFD/g) ?? []).length;
    expect(chunks.reduce((n, c) => n + count(c), 0)).toBe(count(whole.texts[0]!));
    model.dispose();
  });

  it('explains prompts that do not fit the context and bad options', () => {
    const tok = microTokenizer();
    const model = microModel(tok);
    expect(() => generate(model, tok, [[1, 2, 3]], { maxNewTokens: 64 })).toThrow(/exceeds the model's contextLength \(64\)/);
    expect(() => generate(model, tok, [[]], {})).toThrow(/prompt 0 is empty/);
    expect(() => generate(model, tok, [[99999]], { maxNewTokens: 4 })).toThrow(/outside/);
    expect(() => generate(model, tok, [[1]], { maxNewTokens: 4, doSample: true, temperature: 0 })).toThrow(/temperature/);
    // generateJd cuts long CVs to leave room for the answer
    const out = generateJd(model, tok, ['Data engineer '.repeat(100)], { maxNewTokens: 8, stopAtEos: false });
    expect(out.promptTokens[0]!.length).toBe(64 - 8);
    expect(out.promptTokens[0]!.slice(0, 2)).toEqual(sftPrompt(tok, 'x').slice(0, 2));
    model.dispose();
  });
});
