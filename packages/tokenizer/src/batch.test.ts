import { beforeAll, describe, expect, it } from 'vitest';
import { batchPackOptions, packBatch } from './batch.js';
import { Tokenizer } from './tokenizer.js';
import { syntheticText } from './test-corpus.js';

describe('packBatch', () => {
  it('pads right by default with a mask', () => {
    const b = packBatch([[5, 6, 7], [8]], { padId: 0 });
    expect(b.shape).toEqual([2, 3]);
    expect(Array.from(b.ids)).toEqual([5, 6, 7, 8, 0, 0]);
    expect(Array.from(b.attentionMask)).toEqual([1, 1, 1, 1, 0, 0]);
    expect(Array.from(b.lengths)).toEqual([3, 1]);
    expect(Array.from(b.row(1))).toEqual([8]);
  });

  it('pads left for generation', () => {
    const b = packBatch([[5, 6, 7], [8]], { padId: 9, padding: 'left' });
    expect(Array.from(b.ids)).toEqual([5, 6, 7, 9, 9, 8]);
    expect(Array.from(b.attentionMask)).toEqual([1, 1, 1, 0, 0, 1]);
    expect(b.rows().map((r) => Array.from(r))).toEqual([[5, 6, 7], [8]]);
  });

  it('truncates on the requested side and keeps the prefix and suffix ids', () => {
    const rows = [[10, 11, 12, 13, 14, 15]];
    const opts = { padId: 0, maxLength: 5, prefixId: 1, suffixId: 2 };
    expect(Array.from(packBatch(rows, { ...opts, truncation: 'right' }).ids)).toEqual([1, 10, 11, 12, 2]);
    expect(Array.from(packBatch(rows, { ...opts, truncation: 'left' }).ids)).toEqual([1, 13, 14, 15, 2]);
    expect(Array.from(packBatch(rows, { ...opts, truncation: 'head-tail' }).ids)).toEqual([1, 10, 11, 15, 2]);
    expect(Array.from(packBatch(rows, { ...opts, truncation: 'head-tail' }).truncated)).toEqual([1]);
  });

  it('pads to maxLength and to a multiple', () => {
    expect(packBatch([[1, 2, 3]], { padId: 0, maxLength: 6, padTo: 'max-length' }).shape).toEqual([1, 6]);
    const b = packBatch([[1, 2, 3]], { padId: 0, padToMultipleOf: 8 });
    expect(b.shape).toEqual([1, 8]);
    expect(b.attentionMask.reduce((x, y) => x + y, 0)).toBe(3);
  });

  it('handles an empty batch and empty rows', () => {
    expect(packBatch([], { padId: 0 }).shape).toEqual([0, 0]);
    const b = packBatch([[], [4]], { padId: 0, padding: 'left' });
    expect(Array.from(b.ids)).toEqual([0, 4]);
    expect(b.row(0).length).toBe(0);
  });

  it('rejects bad options clearly', () => {
    expect(() => packBatch([[1]], { padId: 0, maxLength: 1, prefixId: 1, suffixId: 2 })).toThrow(/cannot hold the 2 special tokens/);
    expect(() => packBatch([[1]], { padId: 0, truncation: 'middle' as 'left' })).toThrow(/truncation must be/);
    expect(() => packBatch([[1]], { padId: 0, padTo: 'max-length' })).toThrow(/needs maxLength/);
    expect(() => packBatch([[1]], { padId: 0, maxLength: 0 })).toThrow(/positive integer/);
    expect(() => packBatch([[1]], { padId: 0 }).row(3)).toThrow(/outside/);
  });
});

describe('Tokenizer.encodeBatch', () => {
  let tok: Tokenizer;
  beforeAll(() => {
    tok = Tokenizer.train(
      Array.from({ length: 50 }, (_, i) => syntheticText(i)),
      { vocabSize: 600 },
    );
  });

  it('matches encode row by row, with bos/eos and padding', () => {
    const texts = ['short CV', 'a much longer curriculum vitae with many words 数据工程师', ''];
    const b = tok.encodeBatch(texts, { addSpecial: true, padding: 'left' });
    const T = b.shape[1];
    texts.forEach((t, i) => {
      expect(Array.from(b.row(i))).toEqual([tok.bosId, ...tok.encode(t), tok.eosId]);
      expect(b.attentionMask.subarray(i * T, (i + 1) * T).reduce((x, y) => x + y, 0)).toBe(b.lengths[i]);
    });
    expect(b.ids[0]).toBe(tok.padId); // left padding on the short row
    expect(tok.decodeBatch(b.rows(), { skipSpecial: true })).toEqual(texts);
    expect(() => tok.decodeBatch('x' as unknown as number[][])).toThrow(/decodeBatch/);
  });

  it('truncates to maxLength and needs a pad id', () => {
    const b = tok.encodeBatch(['word '.repeat(100)], { maxLength: 16, truncation: 'left' });
    expect(b.shape).toEqual([1, 16]);
    expect(b.truncated[0]).toBe(1);
    const noPad = Tokenizer.train(['abc'], { vocabSize: 256, defaultSpecialTokens: false });
    expect(() => noPad.encodeBatch(['a'])).toThrow(/no <\|pad\|> token; pass padId/);
    expect(noPad.encodeBatch(['a', 'abc'], { padId: 97 }).shape).toEqual([2, 3]);
    expect(() => noPad.encodeBatch(['a'], { padId: 0, addSpecial: true })).toThrow(/addSpecial needs/);
  });
});

describe('batchPackOptions', () => {
  it('pads with the given id, else the tokenizer pad id, and wraps rows in bos … eos on request', () => {
    expect(batchPackOptions({}, { pad: 0, bos: 1, eos: 2 })).toEqual({ padId: 0 });
    expect(batchPackOptions({ padId: 9, maxLength: 4 }, { pad: 0, bos: 1, eos: 2 })).toEqual({ padId: 9, maxLength: 4 });
    expect(batchPackOptions({ addSpecial: true }, { pad: 0, bos: 1, eos: 2 })).toEqual({ addSpecial: true, padId: 0, prefixId: 1, suffixId: 2 });
  });

  it('says what the tokenizer lacks', () => {
    expect(() => batchPackOptions({}, { pad: undefined, bos: 1, eos: 2 })).toThrow(/no <\|pad\|> token; pass padId/);
    expect(() => batchPackOptions({ addSpecial: true }, { pad: 0, bos: undefined, eos: 2 })).toThrow(/addSpecial needs <\|bos\|> and <\|eos\|>/);
  });
});
