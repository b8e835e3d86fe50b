/**
 * `girl serve --f16`: the policy's F32 weights re-encoded as F16 for the page, halving the download
 * (|w| > 65504 would become ±Infinity, which the page refuses; GPT weights are far smaller). The JD may then
 * differ from `girl generate` on the F32 file, so this is opt-in.
 */
import { decodeSafetensors, encodeSafetensors, float32ToFloat16 } from '@girl/tensor';
import type { SafetensorsEntry } from '@girl/tensor';

/** Re-encodes every F32 tensor of a safetensors file as F16 (other dtypes and the metadata kept). */
export function toF16Safetensors(bytes: Uint8Array, source: string): Uint8Array {
  const { tensors, metadata } = decodeSafetensors(bytes, source);
  const out: Record<string, SafetensorsEntry> = {};
  for (const [name, e] of Object.entries(tensors)) {
    out[name] = e.dtype === 'F32' ? { dtype: 'F16', shape: e.shape, data: float32ToFloat16(e.data as Float32Array) } : e;
  }
  return encodeSafetensors(out, metadata);
}
