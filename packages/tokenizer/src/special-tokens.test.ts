import { describe, expect, it } from 'vitest';
import { TokenizerError } from './errors.js';
import { DEFAULT_SPECIAL_TOKENS, buildMatcher, hasLoneSurrogate, validateSpecialContent } from './special-tokens.js';

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
