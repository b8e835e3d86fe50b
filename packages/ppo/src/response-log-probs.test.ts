import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, logProbOfLabels, tf } from '@girl/tensor';
import { GPT, generate } from '@girl/generator';
import { buildSequences } from './sequences.js';
import { responseLogprobs } from './response-log-probs.js';

beforeAll(async () => {
  await initBackend('cpu');
});

describe('responseLogprobs (padding side)', () => {
  it('a padded batch gives every row the log-probs it has alone, 0 on padding', () => {
    const model = GPT.create({ vocabSize: 20, contextLength: 16, dModel: 16, nLayer: 1, nHead: 2 }, { seed: 3 });
    const prompts = [[1, 5, 6, 7], [1, 8]]; // different lengths: row 1 is left-padded by 2
    const responses = [[9, 10], [11, 12, 13]]; // row 0 is right-padded by 1
    const batch = buildSequences(prompts, responses, 0);
    const { logprobs } = responseLogprobs(model, batch, { temperature: 0.7 });
    for (let r = 0; r < 2; r++) {
      // reference: the unpadded sequence alone, log softmax(logits / T) of each response token
      const seq = [...prompts[r]!, ...responses[r]!];
      const want = tf.tidy(() => {
        const logits = model.forward(tf.tensor2d(seq, [1, seq.length], 'int32')); // [1, L, V]
        const P = prompts[r]!.length;
        const R = responses[r]!.length;
        const slice = tf.div(tf.slice(logits, [0, P - 1, 0], [1, R, 20]), 0.7);
        return Array.from(logProbOfLabels(slice, tf.tensor2d(responses[r]!, [1, R], 'int32')).dataSync());
      });
      want.forEach((w, t) => expect(logprobs[r * batch.R + t]).toBeCloseTo(w, 4));
    }
    expect(Math.abs(logprobs[0 * batch.R + 2]!)).toBe(0); // right padding of row 0
    model.dispose();
  });

  it("rescoring a sampled batch gives the sampler's own log-probs (prompts of different lengths, temperature 0.7)", async () => {
    const model = GPT.create({ vocabSize: 24, contextLength: 32, dModel: 16, nLayer: 2, nHead: 2 }, { seed: 5 });
    const tok = { eosId: 2, padId: 0, encode: () => [], decode: (ids: ArrayLike<number>) => Array.from(ids).join(' ') };
    const prompts = [[1, 5, 6, 7, 8, 9, 10], [1, 8], [1, 11, 12, 13]];
    const gen = await generate(model, tok as never, prompts, { maxNewTokens: 10, doSample: true, temperature: 0.7, seed: 9, stopAtEos: true, eosTokenId: 2, padTokenId: 0 });
    const batch = buildSequences(prompts, gen.tokens, 0);
    const { logprobs } = responseLogprobs(model, batch, { temperature: 0.7 });
    let compared = 0;
    gen.logprobs.forEach((row, b) =>
      row.forEach((lp, t) => {
        expect(logprobs[b * batch.R + t]).toBeCloseTo(lp, 4);
        compared++;
      }),
    );
    expect(compared).toBeGreaterThan(10);
    model.dispose();
  });
});
