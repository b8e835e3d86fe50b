import { describe, expect, it } from 'vitest';
import { byteLevelChar, byteLevelToBytes, bytesToByteLevel, tryByteLevelToBytes } from './byte-level.js';
import { TokenizerError } from './errors.js';

describe('byte-level alphabet', () => {
  it("matches GPT-2's bytes_to_unicode on known bytes", () => {
    expect(byteLevelChar(32)).toBe('Ġ');
    expect(byteLevelChar(10)).toBe('Ċ');
    expect(byteLevelChar(65)).toBe('A');
    expect(byteLevelChar(0)).toBe('Ā');
    expect(byteLevelChar(0xad)).toBe('Ń'); // soft hyphen is remapped to U+0143
  });

  it('is a bijection over all 256 bytes', () => {
    const all = Uint8Array.from({ length: 256 }, (_, b) => b);
    const text = bytesToByteLevel(all);
    expect(new Set(text).size).toBe(256);
    expect(Array.from(byteLevelToBytes(text))).toEqual(Array.from(all));
  });

  it('rejects characters outside the alphabet', () => {
    expect(tryByteLevelToBytes('Ġhi☃')).toBeUndefined();
    expect(() => byteLevelToBytes('☃', 'vocab[3]')).toThrow(TokenizerError);
    expect(() => byteLevelToBytes('☃', 'vocab[3]')).toThrow(/vocab\[3\]/);
  });
});
