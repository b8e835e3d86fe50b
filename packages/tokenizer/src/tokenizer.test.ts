import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { TokenizerError } from './errors.js';
import { DEFAULT_SPECIAL_TOKENS } from './special-tokens.js';
import { corpus } from './test-corpus.js';
import { Tokenizer } from './tokenizer.js';

let tok: Tokenizer;
const texts = corpus();

beforeAll(() => {
  tok = Tokenizer.train(texts, { vocabSize: 2048, specialTokens: ['<|skill|>'] });
});

const EDGE_STRINGS = [
  '',
  ' ',
  '\n\n\t ',
  'a',
  'Hello, world!',
  '数据工程师，负责推荐系统。',
  '🚀🔥👩‍💻🇨🇳',
  'e\u0301 (combining acute) vs é',
  'ハローワールド 안녕하세요 مرحبا',
  '\u0000\u0001\u007f',
  "it's DON'T 2024-11-25 3.14159",
  '\uD800',
  'x\uDFFFy',
  '\uDC00\uD800',
  '🚀'.slice(0, 1) + 'tail',
  '<|eos|><|pad|>',
  '   leading and trailing   ',
];

describe('Tokenizer.encode / decode', () => {
  it('round-trips edge strings exactly, lone surrogates included', () => {
    for (const s of EDGE_STRINGS) expect(tok.decode(tok.encode(s))).toBe(s);
  });

  it('round-trips random Unicode (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
        expect(tok.decode(tok.encode(s))).toBe(s);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        expect(tok.decode(tok.encode(s))).toBe(s);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips arbitrary UTF-16 (lone surrogates become WTF-8 bytes and come back)', () => {
    const unit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (s) => {
        expect(tok.decode(tok.encode(s))).toBe(s);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips the training corpus and compresses it', () => {
    let bytes = 0;
    let ids = 0;
    for (const t of texts.slice(0, 300)) {
      const enc = tok.encode(t);
      expect(tok.decode(enc)).toBe(t);
      ids += enc.length;
      bytes += new TextEncoder().encode(t).length;
    }
    expect(bytes / ids).toBeGreaterThan(2.5); // a 2k vocabulary should beat bytes by far
  });

  it('gives the same ids with a warm cache as with a cold one', () => {
    const text = texts.slice(0, 20).join('\n');
    const warm = tok.encode(text);
    const cold = Tokenizer.fromJSON(tok.toJSON()).encode(text);
    expect(warm).toEqual(cold);
  });

  it('encodes a huge single word without quadratic blow-up', () => {
    const word = 'ab'.repeat(50_000);
    const ids = tok.encode(word);
    expect(tok.decode(ids)).toBe(word);
  });
});

describe('special tokens', () => {
  it('have the documented stable ids', () => {
    const roles = Object.keys(DEFAULT_SPECIAL_TOKENS) as (keyof typeof DEFAULT_SPECIAL_TOKENS)[];
    roles.forEach((role, i) => expect(tok.specialId(role)).toBe(i));
    expect(tok.padId).toBe(0);
    expect(tok.bosId).toBe(1);
    expect(tok.eosId).toBe(2);
    expect(tok.specialId('<|skill|>')).toBe(6);
    expect(tok.tokenToId('<|jd|>')).toBe(4);
    expect(tok.idToToken(5)).toBe('<|sep|>');
    expect(tok.isSpecial(2)).toBe(true);
    expect(tok.isSpecial(300)).toBe(false);
  });

  it('are encoded as plain text unless allowed', () => {
    const text = 'CV<|cv|>JD<|jd|>end<|skill|>';
    const plain = tok.encode(text);
    expect(plain).not.toContain(3);
    expect(plain).not.toContain(4);
    expect(tok.decode(plain)).toBe(text);
    const all = tok.encode(text, { allowedSpecial: 'all' });
    expect(all.filter((id) => tok.isSpecial(id))).toEqual([3, 4, 6]);
    expect(tok.decode(all)).toBe(text);
    const some = tok.encode(text, { allowedSpecial: new Set(['<|jd|>']) });
    expect(some.filter((id) => tok.isSpecial(id))).toEqual([4]);
    expect(tok.encode(text, { allowedSpecial: 'none' })).toEqual(plain);
  });

  it('are never split and never merge with neighbours', () => {
    const ids = tok.encode('a<|eos|><|eos|>b', { allowedSpecial: 'all' });
    expect(ids.filter((id) => id === 2)).toHaveLength(2);
    expect(tok.decode(ids, { skipSpecial: true })).toBe('ab');
  });

  it('rejects unknown names in allowedSpecial', () => {
    expect(() => tok.encode('x', { allowedSpecial: ['<|nope|>'] })).toThrow(/not a special token/);
  });

  it('can be added after training, keeping existing ids', () => {
    const more = tok.withSpecialTokens(['<|salary|>', '<|eos|>']);
    expect(more.vocabSize).toBe(tok.vocabSize + 1);
    expect(more.specialId('<|salary|>')).toBe(tok.vocabSize);
    expect(more.eosId).toBe(2);
    expect(more.encode('pay<|salary|>', { allowedSpecial: 'all' }).at(-1)).toBe(tok.vocabSize);
    expect(() => tok.withSpecialTokens([''])).toThrow(TokenizerError);
    expect(() => tok.withSpecialTokens(['\uD800'])).toThrow(/lone surrogate/);
  });
});

describe('bad input', () => {
  it('names the argument and the fix', () => {
    expect(() => tok.encode(42 as unknown as string)).toThrow(/encode\(text\): expected a string but got number 42/);
    expect(() => tok.encode(null as unknown as string)).toThrow(TokenizerError);
    expect(() => tok.decode([1, 99999])).toThrow(/ids\[1\] = number 99999 is not in the vocabulary/);
    expect(() => tok.decode([1.5])).toThrow(TokenizerError);
    expect(() => tok.decode('abc' as unknown as number[])).toThrow(/expected an array of ids/);
    expect(() => tok.encodeBatch(['ok', 7 as unknown as string])).toThrow(/texts\[1\]/);
  });

  it('rejects a vocabulary smaller than the byte alphabet', () => {
    expect(() => Tokenizer.train(['abc'], { vocabSize: 100 })).toThrow(/at least 262 \(256 bytes \+ 6 special tokens\)/);
    // 261 is one short of 262: the boundary itself must throw, with the code and the minimum named.
    expect(() => Tokenizer.train(['abc'], { vocabSize: 261 })).toThrow(expect.objectContaining({ code: 'invalid-vocab-size', message: expect.stringMatching(/at least 262/) }));
    expect(() => Tokenizer.train(['abc'], { vocabSize: 261 })).toThrow(TokenizerError);
    expect(() => Tokenizer.train(['abc'], { vocabSize: 262 })).not.toThrow();
    expect(() => Tokenizer.train(['abc'], { vocabSize: 256, defaultSpecialTokens: false })).not.toThrow();
  });

  it('rejects non-string training texts', () => {
    expect(() => Tokenizer.train(['ok', 5 as unknown as string], { vocabSize: 300 })).toThrow(/item 1 is number 5/);
    expect(() => Tokenizer.train(42 as unknown as string[], { vocabSize: 300 })).toThrow(/iterable of strings/);
    expect(() => Tokenizer.train(['a'], { vocabSize: 300, specialTokens: ['<|eos|>'] })).toThrow(/already a special token/);
  });
});

describe('Tokenizer.train', () => {
  it('lays out specials, bytes, then merges and reaches the target size', () => {
    expect(tok.vocabSize).toBe(2048);
        expect(tok.idToToken(7)).toBe('Ā'); // byte 0 in the byte-level alphabet
    expect(Array.from(tok.tokenBytes(7 + 65))).toEqual([65]);
    expect(tok.tokenBytes(2047).length).toBeGreaterThan(1);
  });

  it('accepts any iterable, including a generator', () => {
    function* gen(): Generator<string> {
      yield* texts.slice(0, 50);
    }
    const a = Tokenizer.train(gen(), { vocabSize: 400 });
    const b = Tokenizer.train(texts.slice(0, 50), { vocabSize: 400 });
    expect(a.toJSON()).toEqual(b.toJSON());
  });

  it('stops early when pairs become rare', () => {
    const small = Tokenizer.train(['abab'], { vocabSize: 1000 });
    expect(small.vocabSize).toBeLessThan(1000);
    const [x, y, ...rest] = small.encode('abab');
    expect(rest).toEqual([]);
    expect(x).toBe(y); // (a, b) occurs twice and merges; (ab, ab) occurs once, below minFrequency 2
    expect(small.decode([x!])).toBe('ab');
  });
});
