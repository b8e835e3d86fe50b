import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors, SafetensorsError } from './safetensors.js';
import type { SafetensorsEntry } from './safetensors.js';

/** Builds a buffer by hand: 8-byte length, the given header text verbatim, then the data bytes. */
function handBuilt(header: string, data: number[]): Uint8Array {
  const h = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + h.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(h.length), true);
  out.set(h, 8);
  out.set(data, 8 + h.length);
  return out;
}

describe('encodeSafetensors', () => {
  it('writes exactly the bytes of a hand-built file', () => {
    const bytes = encodeSafetensors(
      {
        c: { dtype: 'F16', shape: [1, 1], data: new Uint16Array([0x3e00]) }, // 1.5
        b: { dtype: 'F32', shape: [2], data: new Float32Array([1, -2]) },
        a: { dtype: 'I32', shape: [], data: new Int32Array([7]) },
      },
      { format: 'pt' },
    );
    // 195 bytes of JSON + 5 spaces = 200 = 0xc8; 4-byte tensors first (by name), then the 2-byte one.
    const header =
      '{"__metadata__":{"format":"pt"},"a":{"dtype":"I32","shape":[],"data_offsets":[0,4]},' +
      '"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]},"c":{"dtype":"F16","shape":[1,1],"data_offsets":[12,14]}}     ';
    const expected = [
      0xc8, 0, 0, 0, 0, 0, 0, 0,
      ...new TextEncoder().encode(header),
      0x07, 0x00, 0x00, 0x00, // a = 7 (int32 LE)
      0x00, 0x00, 0x80, 0x3f, // 1.0f
      0x00, 0x00, 0x00, 0xc0, // -2.0f
      0x00, 0x3e, // 1.5 as f16 = 0x3e00
    ];
    expect(Array.from(bytes)).toEqual(expected);
    expect((8 + 200) % 8).toBe(0);
  });

  it('pads the header to 8-byte alignment and omits empty metadata', () => {
    const bytes = encodeSafetensors({ x: { dtype: 'U8', shape: [3], data: new Uint8Array([1, 2, 3]) } });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const text = new TextDecoder().decode(bytes.subarray(8, 8 + n));
    expect(text.trimEnd()).toBe('{"x":{"dtype":"U8","shape":[3],"data_offsets":[0,3]}}');
  });

  it('refuses inconsistent entries with a message naming the tensor', () => {
    const bad = (entry: unknown) => () => encodeSafetensors({ w: entry as SafetensorsEntry });
    expect(bad({ dtype: 'F32', shape: [3], data: new Float32Array(2) })).toThrow(/'w' has shape \[3\] \(3 elements\) but 2 values/);
    expect(bad({ dtype: 'F32', shape: [2], data: new Int32Array(2) })).toThrow(/'w' \(F32\) must hold its data in a Float32Array/);
    expect(bad({ dtype: 'Q4', shape: [2], data: new Uint8Array(2) })).toThrow(/unknown dtype "Q4"/);
    expect(bad({ dtype: 'F32', shape: [-1], data: new Float32Array(0) })).toThrow(/non-negative integers/);
    expect(() => encodeSafetensors({ __metadata__: { dtype: 'U8', shape: [], data: new Uint8Array(1) } })).toThrow(/reserved/);
    expect(() => encodeSafetensors({}, { step: 3 as unknown as string })).toThrow(/metadata 'step' must be a string/);
  });
});

describe('decodeSafetensors', () => {
  const sample = (): Record<string, SafetensorsEntry> => ({
    'h.0.w': { dtype: 'F32', shape: [2, 3], data: new Float32Array([1, 2, 3, 4, 5, 6]) },
    'h.0.b': { dtype: 'F64', shape: [2], data: new Float64Array([0.1, -1e300]) },
    ids: { dtype: 'I32', shape: [4], data: new Int32Array([-1, 0, 1, 2 ** 31 - 1]) },
    half: { dtype: 'F16', shape: [2], data: new Uint16Array([0x3c00, 0xfc00]) },
    mask: { dtype: 'BOOL', shape: [3], data: new Uint8Array([1, 0, 1]) },
    big: { dtype: 'I64', shape: [1], data: new BigInt64Array([-(2n ** 62n)]) },
    empty: { dtype: 'F32', shape: [0, 4], data: new Float32Array(0) },
    scalar: { dtype: 'U16', shape: [], data: new Uint16Array([65535]) },
  });

  it('round-trips every dtype, shape and metadata', () => {
    const input = sample();
    const { tensors, metadata } = decodeSafetensors(encodeSafetensors(input, { note: 'héllo ✓' }));
    expect(metadata).toEqual({ note: 'héllo ✓' });
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(input).sort());
    for (const [name, entry] of Object.entries(input)) {
      const got = tensors[name]!;
      expect(got.dtype).toBe(entry.dtype);
      expect(got.shape).toEqual(entry.shape);
      expect(got.data.constructor).toBe(entry.data.constructor);
      expect(Array.from(got.data as ArrayLike<unknown>)).toEqual(Array.from(entry.data as ArrayLike<unknown>));
    }
  });

  it('decodes a hand-built file written by another tool (unpadded header, reversed order)', () => {
    const bytes = handBuilt('{"b":{"dtype":"U8","shape":[1],"data_offsets":[2,3]},"a":{"dtype":"I16","shape":[1],"data_offsets":[0,2]}}', [
      0xff, 0xff, 9,
    ]);
    const { tensors, metadata } = decodeSafetensors(bytes);
    expect(metadata).toEqual({});
    expect(Array.from(tensors['a']!.data as Int16Array)).toEqual([-1]);
    expect(Array.from(tensors['b']!.data as Uint8Array)).toEqual([9]);
  });

  const err = (bytes: Uint8Array) => () => decodeSafetensors(bytes, 'model.safetensors');

  it('names the file and what is wrong for each kind of corruption', () => {
    const good = encodeSafetensors(sample());
    expect(err(good.subarray(0, 5))).toThrow(/model\.safetensors: only 5 bytes.*truncated/);
    expect(err(good.subarray(0, 40))).toThrow(/header length \d+ runs past the end.*truncated/);
    expect(err(good.subarray(0, good.length - 1))).toThrow(/run past the end of the data section.*truncated/);
    const extra = new Uint8Array(good.length + 3);
    extra.set(good);
    expect(err(extra)).toThrow(/3 bytes follow the last tensor/);
    expect(err(handBuilt('{"a": [1,', []))).toThrow(/not valid JSON/);
    expect(err(handBuilt('[1, 2]  ', []))).toThrow(/must be a JSON object/);
    expect(err(handBuilt('{"a":{"dtype":"F4","shape":[2],"data_offsets":[0,1]}}', [0]))).toThrow(
      /tensor 'a': unknown or unsupported dtype "F4"/,
    );
    expect(err(handBuilt('{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}', new Array(8).fill(0)))).toThrow(
      /tensor 'a': shape \[3\] × F32 needs 12 bytes but data_offsets \[0, 8\] span 8/,
    );
    expect(
      err(
        handBuilt(
          '{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},"b":{"dtype":"U8","shape":[2],"data_offsets":[1,3]}}',
          [1, 2, 3],
        ),
      ),
    ).toThrow(/tensor 'b' \(bytes 1..3\) overlaps tensor 'a'/);
    expect(err(handBuilt('{"a":{"dtype":"U8","shape":[2],"data_offsets":[1,3]}}', [1, 2, 3]))).toThrow(/must be contiguous/);
    expect(err(handBuilt('{"a":{"dtype":"U8","shape":[1],"data_offsets":[1,0]}}', [1]))).toThrow(/data_offsets \[1,0\]/);
    expect(err(handBuilt('{"__metadata__":{"step":3}}', []))).toThrow(/'__metadata__' entry 'step' must be a string/);
    const huge = new Uint8Array(16);
    new DataView(huge.buffer).setBigUint64(0, 2n ** 40n, true);
    expect(err(huge)).toThrow(/exceeds the 100000000-byte limit/);
    const badUtf8 = handBuilt('{}', []);
    const withBad = new Uint8Array([...badUtf8.subarray(0, 8), 0x7b, 0xff]);
    new DataView(withBad.buffer).setBigUint64(0, 2n, true);
    expect(err(withBad)).toThrow(/not valid UTF-8/);
    expect(err(good.subarray(0, 5))).toThrow(SafetensorsError);
  });
});
