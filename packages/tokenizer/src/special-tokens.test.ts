import { describe, expect, it } from 'vitest';
import { TokenizerError } from './errors.js';
import { DEFAULT_SPECIAL_TOKENS, appendSpecialTokens, buildMatcher, hasLoneSurrogate, validateSpecialContent } from './special-tokens.js';
import { Tokenizer } from './tokenizer.js';

describe('special tokens', () => {
  it('defines the documented default set in id order', () => {
    expect(Object.values(DEFAULT_SPECIAL_TOKENS)).toEqual(['<|pad|>', '<|bos|>', '<|eos|>', '<|cv|>', '<|jd|>', '<|sep|>']);
  });

  it('matches leftmost-longest and escapes regex characters', () => {
    const m = buildMatcher(['ab', 'abc', '[x]+'])!;
    expect('abcab [x]+ xx'.match(m)).toEqual(['abc', 'ab', '[x]+']);
    expect(buildMatcher([])).toBeNull();
  });

  it('validates user-defined tokens', () => {
    expect(() => validateSpecialContent('', 'where')).toThrow(TokenizerError);
    expect(() => validateSpecialContent(3, 'specialTokens[0]')).toThrow(/specialTokens\[0\]: a special token must be a non-empty string but got number 3/);
    expect(hasLoneSurrogate('a\uD800')).toBe(true);
    expect(hasLoneSurrogate('🚀')).toBe(false);
    expect(() => validateSpecialContent('<|🚀|>', 'x')).not.toThrow();
  });
});

describe('appendSpecialTokens', () => {
  const data = Tokenizer.train(['hello world'], { vocabSize: 270 }).data;

  it('appends new contents with the next ids and keeps existing ones', () => {
    const more = appendSpecialTokens(data, ['<|skill|>', '<|eos|>', '<|skill|>']);
    expect(more.tokens.length).toBe(data.tokens.length + 1);
    expect(more.added.at(-1)).toEqual({ id: data.tokens.length, content: '<|skill|>', special: true });
    expect(data.added.some((t) => t.content === '<|skill|>')).toBe(false); // the input is left alone
  });

  it('names a bad entry', () => {
    expect(() => appendSpecialTokens(data, ['ok', ''])).toThrow(/withSpecialTokens\(\[1\]\)/);
    expect(() => appendSpecialTokens(data, 'x' as never)).toThrow(/expected an array of strings/);
  });
});
