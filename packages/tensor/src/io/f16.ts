/**
 * IEEE 754 half precision (binary16) conversion, bit exact: float32 → float16 rounds to nearest, ties to
 * even (what numpy, PyTorch and the hardware do); float16 → float32 is exact. NaN stays NaN (quiet, top
 * payload bits kept), ±Infinity and ±0 keep their sign, values ≥ 65520 in magnitude become ±Infinity,
 * and tiny values become float16 subnormals or ±0.
 */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * The float16 bit pattern nearest to `value` (ties to even).
 *
 * @example
 * ```ts
 * f32ToF16Bits(1);        // 0x3c00
 * f32ToF16Bits(65504);    // 0x7bff (largest finite half)
 * f32ToF16Bits(1e-8);     // 0x0000 (underflows to +0)
 * ```
 */
export function f32ToF16Bits(value: number): number {
  f32[0] = value;
  const bits = u32[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exp = (bits >>> 23) & 0xff;
  const mant = bits & 0x7fffff;
  if (exp === 0xff) return mant === 0 ? sign | 0x7c00 : sign | 0x7e00 | (mant >>> 13);
  const e = exp - 112; // rebias 127 → 15
  if (e >= 0x1f) return sign | 0x7c00; // overflow
  if (e <= 0) {
    // float16 subnormal (value = m · 2^-24) or zero.
    const shift = 14 - e; // ≥ 14
    if (shift > 24) return sign; // below half of the smallest subnormal: rounds to ±0
    const full = mant | 0x800000;
    let m = full >>> shift;
    const rem = full & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rem > half || (rem === half && (m & 1) === 1)) m++;
    return sign | m; // m may carry into 0x400, the smallest normal: still the right encoding
  }
  let h = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (h & 1) === 1)) h++; // a carry may reach 0x7c00 = Infinity
  return sign | h;
}

/**
 * The float32 value of a float16 bit pattern (exact).
 *
 * @example
 * ```ts
 * f16BitsToF32(0x3c00); // 1
 * f16BitsToF32(0x0001); // 5.960464477539063e-8 (2^-24)
 * ```
 */
export function f16BitsToF32(bits: number): number {
  const sign = (bits & 0x8000) << 16;
  const exp = (bits >>> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (exp === 0) {
    const magnitude = mant * 2 ** -24;
    return sign ? -magnitude : magnitude;
  }
  if (exp === 0x1f) u32[0] = (sign | 0x7f800000 | (mant << 13)) >>> 0;
  else u32[0] = (sign | ((exp + 112) << 23) | (mant << 13)) >>> 0;
  return f32[0]!;
}

/**
 * Converts a whole array to float16 bit patterns.
 *
 * @example
 * ```ts
 * const halves = float32ToFloat16(new Float32Array([1, 0.5])); // Uint16Array [0x3c00, 0x3800]
 * ```
 */
export function float32ToFloat16(values: ArrayLike<number>): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = f32ToF16Bits(values[i]!);
  return out;
}

/**
 * Converts float16 bit patterns to a Float32Array.
 *
 * @example
 * ```ts
 * float16ToFloat32(new Uint16Array([0x3c00])); // Float32Array [1]
 * ```
 */
export function float16ToFloat32(bits: ArrayLike<number>): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = f16BitsToF32(bits[i]!);
  return out;
}

/**
 * Converts bfloat16 bit patterns (the top 16 bits of a float32) to a Float32Array, so checkpoints saved
 * in BF16 by PyTorch can be loaded.
 *
 * @example
 * ```ts
 * bfloat16ToFloat32(new Uint16Array([0x3f80])); // Float32Array [1]
 * ```
 */
export function bfloat16ToFloat32(bits: ArrayLike<number>): Float32Array {
  const out = new Float32Array(bits.length);
  const view = new Uint32Array(out.buffer);
  for (let i = 0; i < bits.length; i++) view[i] = (bits[i]! << 16) >>> 0;
  return out;
}
