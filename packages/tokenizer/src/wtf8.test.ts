import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWtf8, encodeWtf8 } from './wtf8.js';

const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
/** Strings of arbitrary UTF-16 code units: lone surrogates included. */
const anyJsString = fc.string({ unit: anyUnit, maxLength: 60 });

describe('encodeWtf8', () => {
  it('gives UTF-8 for well-formed text', () => {
    expect(Array.from(encodeWtf8('aé中🚀'))).toEqual([0x61, 0xc3, 0xa9, 0xe4, 0xb8, 0xad, 0xf0, 0x9f, 0x9a, 0x80]);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
        expect(encodeWtf8(s)).toEqual(new TextEncoder().encode(s));
      }),
    );
  });

  it('encodes lone surrogates as their three-byte pattern', () => {
    expect(Array.from(encodeWtf8('\uD800'))).toEqual([0xed, 0xa0, 0x80]);
    expect(Array.from(encodeWtf8('\uDFFF'))).toEqual([0xed, 0xbf, 0xbf]);
    // A low surrogate before a high one is two lone surrogates, not a pair.
    expect(Array.from(encodeWtf8('\uDC00\uD800'))).toEqual([0xed, 0xb0, 0x80, 0xed, 0xa0, 0x80]);
  });

  it('encodes the empty string to no bytes', () => {
    expect(encodeWtf8('').length).toBe(0);
  });
});

describe('decodeWtf8', () => {
  it('round-trips every JavaScript string, lone surrogates included', () => {
    fc.assert(
      fc.property(anyJsString, (s) => {
        expect(decodeWtf8(encodeWtf8(s))).toBe(s);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with TextDecoder on bytes that hold no encoded surrogate', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const hasSurrogate = bytes.some((b, i) => b === 0xed && (bytes[i + 1] ?? 0) >= 0xa0 && (bytes[i + 1] ?? 0) <= 0xbf);
        fc.pre(!hasSurrogate);
        expect(decodeWtf8(bytes)).toBe(new TextDecoder().decode(bytes));
      }),
      { numRuns: 1000 },
    );
  });

  it('turns truncated and invalid sequences into U+FFFD', () => {
    expect(decodeWtf8(Uint8Array.of(0xe4, 0xb8))).toBe('\uFFFD');
    expect(decodeWtf8(Uint8Array.of(0xff, 0x61))).toBe('\uFFFDa');
    expect(decodeWtf8(Uint8Array.of(0xc0, 0x80))).toBe('\uFFFD\uFFFD'); // overlong
  });

  it('decodes a long input in pieces without losing text', () => {
    const s = '数据'.repeat(10_000) + 'end';
    expect(decodeWtf8(encodeWtf8(s))).toBe(s);
  });
});

describe('decodeWtf8 on long inputs (native fast path)', () => {
  it('matches the JS decoder with and without encoded surrogates', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 200 }), (bytes) => {
        // Decoding in 31-byte slices that end at a sequence boundary is not guaranteed, so compare whole
        // results against TextDecoder where no surrogate is encoded.
        const hasSurrogate = bytes.some((b, i) => b === 0xed && (bytes[i + 1] ?? 0) >= 0xa0 && (bytes[i + 1] ?? 0) <= 0xbf);
        if (!hasSurrogate) expect(decodeWtf8(bytes)).toBe(new TextDecoder().decode(bytes));
      }),
    );
    const s = `${'x'.repeat(40)}\uD800${'数'.repeat(20)}`;
    expect(decodeWtf8(encodeWtf8(s))).toBe(s);
  });
});
