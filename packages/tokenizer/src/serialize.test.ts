import { beforeAll, describe, expect, it } from 'vitest';
import { TokenizerError } from './errors.js';
import { FORMAT_VERSION } from './serialize.js';
import { syntheticText } from './test-corpus.js';
import { Tokenizer } from './tokenizer.js';

let tok: Tokenizer;
const texts = Array.from({ length: 80 }, (_, i) => syntheticText(i));

beforeAll(() => {
  tok = Tokenizer.train(texts, { vocabSize: 700, specialTokens: ['<|x|>'] });
});

function reload(json: unknown): Tokenizer {
  return Tokenizer.fromJSON(JSON.parse(JSON.stringify(json)));
}

function errorOf(fn: () => unknown): TokenizerError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TokenizerError) return e;
    throw e;
  }
  throw new Error('expected a TokenizerError');
}

describe('toJSON / fromJSON', () => {
  it('writes a versioned format and reads it back with identical behaviour', () => {
    const json = tok.toJSON();
    expect(json.format).toBe('girl-bpe');
    expect(json.version).toBe(FORMAT_VERSION);
    const back = reload(json);
    expect(back.toJSON()).toEqual(json);
    for (const t of texts) expect(back.encode(t, { allowedSpecial: 'all' })).toEqual(tok.encode(t, { allowedSpecial: 'all' }));
    expect(back.specialId('<|x|>')).toBe(6);
  });

  it('rejects wrong or corrupt files, saying where', () => {
    const good = JSON.parse(JSON.stringify(tok.toJSON())) as Record<string, unknown>;
    expect(errorOf(() => Tokenizer.fromJSON('{}')).message).toMatch(/expected a JSON object/);
    expect(errorOf(() => Tokenizer.fromJSON({ ...good, format: 'other' })).message).toMatch(/"format" should be "girl-bpe"/);
    expect(errorOf(() => Tokenizer.fromJSON({ model: {}, added_tokens: [] })).message).toMatch(/fromHuggingFace/);
    const newer = errorOf(() => Tokenizer.fromJSON({ ...good, version: 2 }));
    expect(newer.code).toBe('unsupported-version');
    expect(newer.message).toMatch(/version 2.*upgrade/);
    expect(errorOf(() => Tokenizer.fromJSON({ ...good, version: '1' })).code).toBe('invalid-file');
    const vocab = [...(good.vocab as string[])];
    vocab[300] = 'not byte-level ☃';
    expect(errorOf(() => Tokenizer.fromJSON({ ...good, vocab })).message).toMatch(/vocab\[300\]/);
    const merges = [...(good.merges as number[])];
    merges[5] = 1e9;
    expect(errorOf(() => Tokenizer.fromJSON({ ...good, merges })).message).toMatch(/"merges"\[5\]/);
    const swapped = [...(good.merges as number[])];
    swapped[2] = swapped[5]!;
    expect(errorOf(() => Tokenizer.fromJSON({ ...good, merges: swapped })).message).toMatch(/not their concatenation/);
    expect(errorOf(() => Tokenizer.fromJSON({ ...good, added: [{ id: 0, content: '<|pad|>' }] })).message).toMatch(/added\[0\]\.special/);
    expect(errorOf(() => Tokenizer.fromJSON({ ...good, vocab: (good.vocab as string[]).slice(7, 100) })).code).toBe('invalid-file');
  });
});
