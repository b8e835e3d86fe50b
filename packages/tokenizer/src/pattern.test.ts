import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CL100K_PATTERN, GPT2_PATTERN, compilePattern, resolvePattern, splitChunks } from './pattern.js';
import { TokenizerError } from './errors.js';

describe('splitChunks', () => {
  const gpt2 = compilePattern(GPT2_PATTERN);

  it("splits like GPT-2's regex", () => {
    expect(splitChunks("Hello world! It's 2024.", gpt2)).toEqual(['Hello', ' world', '!', ' It', "'s", ' 2024', '.']);
    expect(splitChunks('a  b\n\nc', gpt2)).toEqual(['a', ' ', ' b', '\n', '\n', 'c']); // whitespace before a word leaves its last char
    expect(splitChunks('', gpt2)).toEqual([]);
  });

  it('always covers the whole text, with any pattern', () => {
    const sparse = compilePattern('\\p{L}+'); // leaves gaps
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 50 }), (s) => {
        expect(splitChunks(s, gpt2).join('')).toBe(s);
        expect(splitChunks(s, sparse).join('')).toBe(s);
      }),
    );
    expect(splitChunks('ab12cd', sparse)).toEqual(['ab', '12', 'cd']);
  });

  it('survives patterns that match the empty string', () => {
    expect(splitChunks('ab', compilePattern('x*')).join('')).toBe('ab');
  });
});

describe('compilePattern', () => {
  it('translates (?i:...) groups to case classes', () => {
    const re = compilePattern(CL100K_PATTERN);
    expect(splitChunks("DON'T we'll", re)).toEqual(['DON', "'T", ' we', "'ll"]);
    expect(splitChunks('12345', re)).toEqual(['123', '45']);
  });

  it('drops possessive quantifiers but keeps \\p{L}+', () => {
    expect(compilePattern('\\p{L}++|a?+|\\d{1,3}+').source).toBe('\\p{L}+|a?|\\d{1,3}');
    expect(compilePattern('\\p{L}+').source).toBe('\\p{L}+');
  });

  it('resolves presets and rejects invalid patterns with a clear error', () => {
    expect(resolvePattern('gpt2')).toBe(GPT2_PATTERN);
    expect(() => compilePattern('(')).toThrow(TokenizerError);
    expect(() => compilePattern('(')).toThrow(/not a valid regular expression/);
  });
});
