import { describe, expect, it } from 'vitest';
import { FlagError, parseGenerateNumbers } from './flags.js';

const ok = { maxNewTokens: '128', seed: '0', top: '3' };

describe('parseGenerateNumbers', () => {
  it('parses good values; no temperature means greedy', () => {
    expect(parseGenerateNumbers({ ...ok, temperature: '0.7' })).toEqual({ maxNewTokens: 128, temperature: 0.7, seed: 0, top: 3 });
    expect(parseGenerateNumbers(ok).temperature).toBeUndefined();
  });

  it('names the flag, the value and an example for bad ones', () => {
    expect(() => parseGenerateNumbers({ ...ok, top: 'abc' })).toThrow(FlagError);
    expect(() => parseGenerateNumbers({ ...ok, top: 'abc' })).toThrow(/--top must be an integer >= 1; got 'abc'. Example: --top 5/);
    expect(() => parseGenerateNumbers({ ...ok, top: '0' })).toThrow(/--top/);
    expect(() => parseGenerateNumbers({ ...ok, temperature: 'abc' })).toThrow(/--temperature must be a number in \(0, 10\]; got 'abc'/);
    expect(() => parseGenerateNumbers({ ...ok, temperature: '0' })).toThrow(/omit the flag for greedy/);
    expect(() => parseGenerateNumbers({ ...ok, seed: '1.5' })).toThrow(/--seed must be an integer/);
    expect(() => parseGenerateNumbers({ ...ok, maxNewTokens: '' })).toThrow(/--max-new-tokens/);
  });
});
