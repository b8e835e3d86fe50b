import { GPT } from '@girl/generator';
import { initBackend, tf } from '@girl/tensor';
import { Tokenizer } from '@girl/tokenizer';
import { beforeAll, describe, expect, it } from 'vitest';
import { cosine } from '../features/similarity.js';
import { embedTexts } from './embed.js';
import { fingerprintModel, generatorFn } from './generator-fn.js';

const TEXTS = ['Data engineer with Python, SQL and Spark.', 'Registered nurse, patient care, triage.', 'We seek a data engineer: Python, SQL.', 'Hospital hiring a registered nurse.'];
let tok: Tokenizer;
let model: GPT;

beforeAll(async () => {
  await initBackend('auto');
  tok = Tokenizer.train(TEXTS, { vocabSize: 300 });
  model = GPT.create({ vocabSize: tok.vocabSize, contextLength: 64, dModel: 32, nLayer: 2, nHead: 4 }, { seed: 1 });
});

describe('embedTexts', () => {
  it('mean-pools hidden states; padding does not change a row', async () => {
    const [a, b] = await embedTexts(model, tok, [TEXTS[0] as string, TEXTS[1] as string], { batchSize: 2 });
    const [alone] = await embedTexts(model, tok, [TEXTS[0] as string]);
    expect(a).toHaveLength(32);
    for (let i = 0; i < 32; i++) expect((a as Float32Array)[i]).toBeCloseTo((alone as Float32Array)[i] as number, 4);
    expect(cosine(a as Float32Array, b as Float32Array)).toBeLessThan(0.9999);
    // by hand: the mean over positions of forwardHidden for the single text
    const ids = tok.encodeOrdinary(TEXTS[0] as string);
    const manual = tf.tidy(() => tf.mean(model.forwardHidden(tf.tensor2d([ids], [1, ids.length], 'int32')), 1)).dataSync();
    for (let i = 0; i < 32; i++) expect((alone as Float32Array)[i]).toBeCloseTo(manual[i] as number, 4);
    const [empty] = await embedTexts(model, tok, ['']);
    expect([...(empty as Float32Array)].every((x) => x === 0)).toBe(true);
  });
});

describe('generatorFn and fingerprintModel', () => {
  it('writes one string per CV and fingerprints weights', async () => {
    const out = await generatorFn(model, tok, { maxNewTokens: 5 })(TEXTS.slice(0, 3));
    expect(out).toHaveLength(3);
    expect(out.every((s) => typeof s === 'string')).toBe(true);
    const other = GPT.create({ vocabSize: tok.vocabSize, contextLength: 64, dModel: 32, nLayer: 2, nHead: 4 }, { seed: 2 });
    expect(fingerprintModel(model)).toBe(fingerprintModel(model));
    expect(fingerprintModel(model)).not.toBe(fingerprintModel(other));
    expect(fingerprintModel(model)).toMatch(/^gpt-[0-9a-f]{12}$/);
  });
});
