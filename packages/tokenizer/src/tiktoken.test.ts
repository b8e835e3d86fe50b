import { Tiktoken } from 'js-tiktoken/lite';
import gpt2 from 'js-tiktoken/ranks/gpt2';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpus } from './test-corpus.js';
import { Tokenizer } from './tokenizer.js';

describe('fromTiktoken (GPT-2 ranks from js-tiktoken)', () => {
  let ours: Tokenizer;
  let theirs: Tiktoken;
  beforeAll(() => {
    ours = Tokenizer.fromTiktoken({ ranks: gpt2.bpe_ranks, pattern: gpt2.pat_str, specialTokens: gpt2.special_tokens });
    theirs = new Tiktoken(gpt2);
  });

  it('gives the same ids as js-tiktoken', () => {
    expect(ours.vocabSize).toBe(50257);
    for (const t of corpus().slice(0, 300)) expect(ours.encode(t)).toEqual(theirs.encode(t));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        expect(ours.encode(s)).toEqual(theirs.encode(s));
      }),
      { numRuns: 300 },
    );
    expect(ours.encode('<|endoftext|>', { allowedSpecial: 'all' })).toEqual([50256]);
  });

  it('exports to Hugging Face with the same behaviour', () => {
    const back = Tokenizer.fromHuggingFace(JSON.parse(JSON.stringify(ours.toHuggingFace())));
    for (const t of corpus().slice(0, 30)) expect(back.encode(t)).toEqual(theirs.encode(t));
  });

  it('reads the plain .tiktoken file format', () => {
    const b64 = (s: string): string => btoa(s);
    const lines = Array.from({ length: 256 }, (_, b) => `${btoa(String.fromCharCode(b))} ${b}`);
    lines.push(`${b64('ab')} 256`, `${b64('abc')} 257`);
    const tok = Tokenizer.fromTiktoken({ ranks: lines.join('\n'), pattern: 'gpt2' });
    expect(tok.encode('abcab')).toEqual([257, 256]);
    expect(() => Tokenizer.fromTiktoken({ ranks: 'QQ== x', pattern: 'gpt2' })).toThrow(/line 1/);
  });
});
