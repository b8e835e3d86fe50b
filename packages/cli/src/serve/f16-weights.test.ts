import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors, float16ToFloat32 } from '@girl/tensor';
import { toF16Safetensors } from './f16-weights.js';

describe('toF16Safetensors', () => {
  it('halves F32 tensors, keeps other dtypes and the metadata', () => {
    const w = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i) * 0.1);
    const bytes = encodeSafetensors({ w: { dtype: 'F32', shape: [8, 8], data: w }, ids: { dtype: 'I32', shape: [2], data: new Int32Array([3, 4]) } }, { format: 'pt' });
    const half = decodeSafetensors(toF16Safetensors(bytes, 'x.safetensors'));
    expect(half.tensors.w?.dtype).toBe('F16');
    expect(half.tensors.ids?.data).toEqual(new Int32Array([3, 4]));
    expect(half.metadata).toEqual({ format: 'pt' });
    const back = float16ToFloat32(half.tensors.w?.data as Uint16Array);
    for (let i = 0; i < w.length; i++) expect(Math.abs((back[i] as number) - (w[i] as number))).toBeLessThan(1e-4);
  });

  it('names the file when it is not safetensors', () => {
    expect(() => toF16Safetensors(new Uint8Array([1, 2, 3]), 'runs/x/model.safetensors')).toThrow(/runs\/x\/model\.safetensors/);
  });
});
