import { describe, expect, it } from 'vitest';
import { concatTokenBytes } from './decode-bytes.js';
import { TokenizerError } from './errors.js';

const tokens = [Uint8Array.of(0xff), Uint8Array.of(104), Uint8Array.of(105, 33)];
const special = new Set([0]);

describe('concatTokenBytes', () => {
  it('concatenates the bytes of each id in order, special tokens kept unless skipped', () => {
    expect([...concatTokenBytes(tokens, special, [1, 2, 0, 1], false)]).toEqual([104, 105, 33, 0xff, 104]);
    expect([...concatTokenBytes(tokens, special, [1, 0, 2], true)]).toEqual([104, 105, 33]);
    expect(concatTokenBytes(tokens, special, Int32Array.of(), false).length).toBe(0);
  });

  it('names the first id outside the vocabulary, and refuses a non-array', () => {
    expect(() => concatTokenBytes(tokens, special, [1, 7], false)).toThrow(/ids\[1\] = number 7 is not in the vocabulary \(ids are integers 0\.\.2\)/);
    expect(() => concatTokenBytes(tokens, special, 'abc' as never, false)).toThrow(TokenizerError);
  });
});
