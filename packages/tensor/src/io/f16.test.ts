import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bfloat16ToFloat32, f16BitsToF32, f32ToF16Bits, float16ToFloat32, float32ToFloat16 } from './f16.js';

const hasNumpy = (() => {
  try {
    execFileSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('float16 conversion', () => {
  it('encodes special and boundary values to the IEEE bit patterns', () => {
    const cases: [number, number][] = [
      [0, 0x0000],
      [-0, 0x8000],
      [1, 0x3c00],
      [-2, 0xc000],
      [0.5, 0x3800],
      [65504, 0x7bff], // largest finite half
      [65519.99, 0x7bff], // just below the rounding midpoint to Infinity
      [65520, 0x7c00], // the midpoint: ties to even = Infinity
      [1e6, 0x7c00],
      [Infinity, 0x7c00],
      [-Infinity, 0xfc00],
      [2 ** -14, 0x0400], // smallest normal
      [2 ** -24, 0x0001], // smallest subnormal
      [2 ** -25, 0x0000], // tie between 0 and 2^-24: even = 0
      [1.5 * 2 ** -25, 0x0001], // above the tie: rounds up
      [3 * 2 ** -25, 0x0002], // tie between 1 and 2 ulps: even = 2
      [2 ** -14 - 2 ** -25, 0x0400], // largest subnormal + half ulp: tie, rounds up to even (the smallest normal)
      [1 + 2 ** -11, 0x3c00], // tie between 1 and 1+2^-10: even = 1
      [1 + 3 * 2 ** -11, 0x3c02], // tie between 1+2^-10 and 1+2^-9: even = 1+2^-9
      [1 + 2 ** -11 + 2 ** -20, 0x3c01], // just above the tie
      [1 / 3, 0x3555],
    ];
    for (const [value, bits] of cases) expect([value, f32ToF16Bits(value)]).toEqual([value, bits]);
    const nan = f32ToF16Bits(Number.NaN);
    expect(nan & 0x7c00).toBe(0x7c00);
    expect(nan & 0x03ff).not.toBe(0);
  });

  it('decodes bit patterns exactly', () => {
    expect(f16BitsToF32(0x3c00)).toBe(1);
    expect(f16BitsToF32(0x7bff)).toBe(65504);
    expect(f16BitsToF32(0x0001)).toBe(2 ** -24);
    expect(f16BitsToF32(0x03ff)).toBe(1023 * 2 ** -24);
    expect(Object.is(f16BitsToF32(0x8000), -0)).toBe(true);
    expect(f16BitsToF32(0x7c00)).toBe(Infinity);
    expect(f16BitsToF32(0xfc00)).toBe(-Infinity);
    expect(Number.isNaN(f16BitsToF32(0x7e00))).toBe(true);
    expect(f16BitsToF32(0x3555)).toBe(0.333251953125);
  });

  it('round-trips every non-NaN half exactly', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      const value = f16BitsToF32(bits);
      if (Number.isNaN(value)) continue;
      if (f32ToF16Bits(value) !== bits) throw new Error(`0x${bits.toString(16)} → ${value} → 0x${f32ToF16Bits(value).toString(16)}`);
    }
    expect(Array.from(float16ToFloat32(float32ToFloat16([1, -0.5, 2 ** -24])))).toEqual([1, -0.5, 2 ** -24]);
  });

  it('decodes bfloat16', () => {
    expect(Array.from(bfloat16ToFloat32(new Uint16Array([0x3f80, 0xc000, 0x0000])))).toEqual([1, -2, 0]);
  });

  it.skipIf(!hasNumpy)('agrees with numpy on 200k random float32 bit patterns (optional cross-check)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'girl-f16-'));
    try {
      const bits = new Uint32Array(200_000);
      let x = 12345;
      for (let i = 0; i < bits.length; i++) {
        x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
        // Concentrate on the half range: exponents around 127 ± 30, random mantissa and sign.
        const exp = 97 + (x % 60);
        x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
        bits[i] = ((x & 0x80000000) | (exp << 23) | (x & 0x7fffff)) >>> 0;
      }
      writeFileSync(join(dir, 'in.bin'), new Uint8Array(bits.buffer));
      execFileSync('python3', [
        '-c',
        'import numpy as np,sys,warnings;warnings.simplefilter("ignore");d=sys.argv[1];np.fromfile(d+"/in.bin",dtype=np.float32).astype(np.float16).tofile(d+"/out.bin")',
        dir,
      ]);
      const expected = new Uint16Array(readFileSync(join(dir, 'out.bin')).buffer.slice(0));
      const got = float32ToFloat16(new Float32Array(bits.buffer));
      let mismatches = 0;
      for (let i = 0; i < got.length; i++) if (got[i] !== expected[i]) mismatches++;
      expect(mismatches).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
