/**
 * tfjs tensors <-> safetensors entries, with no file system: the part of safetensors-file.ts that browser
 * bundles can use (weights fetched over HTTP, decoded with decodeSafetensors, then turned into tensors).
 */
import * as tf from '@tensorflow/tfjs-core';
import { bfloat16ToFloat32, float16ToFloat32, float32ToFloat16 } from './f16.js';
import { SafetensorsError } from './safetensors.js';
import type { SafetensorsEntry } from './safetensors.js';

/** How float32 tensors are stored: `'F32'` (exact) or `'F16'` (half the size; |x| > 65504 becomes ±Infinity). */
export type SafetensorsFloatDtype = 'F32' | 'F16';

/**
 * Reads tfjs tensors into safetensors entries (one async read per tensor). Float32 `data` may share
 * memory with the tensor (tfjs's cpu backend hands out its own buffer): treat it as read-only.
 *
 * @example
 * ```ts
 * const entries = await tensorsToSafetensorsEntries({ w }, { dtype: 'F16' });
 * const bytes = encodeSafetensors(entries);
 * ```
 */
export async function tensorsToSafetensorsEntries(
  tensors: Record<string, tf.Tensor>,
  options: { dtype?: SafetensorsFloatDtype } = {},
): Promise<Record<string, SafetensorsEntry>> {
  const floatDtype = options.dtype ?? 'F32';
  if (floatDtype !== 'F32' && floatDtype !== 'F16') {
    throw new TypeError(`safetensors: dtype must be 'F32' or 'F16', got ${JSON.stringify(floatDtype)}.`);
  }
  const entries: Record<string, SafetensorsEntry> = {};
  for (const [name, tensor] of Object.entries(tensors)) {
    if (!(tensor instanceof tf.Tensor)) throw new TypeError(`safetensors: '${name}' is not a tf.Tensor.`);
    if (tensor.isDisposed) throw new TypeError(`safetensors: tensor '${name}' is already disposed; save it before disposing.`);
    const shape = [...tensor.shape];
    switch (tensor.dtype) {
      case 'float32': {
        // Read-only use: the encoder copies these bytes, so no defensive copy of a large model here.
        const raw = await tensor.data();
        const values = raw instanceof Float32Array ? raw : Float32Array.from(raw as ArrayLike<number>);
        entries[name] =
          floatDtype === 'F16'
            ? { dtype: 'F16', shape, data: float32ToFloat16(values) }
            : { dtype: 'F32', shape, data: values };
        break;
      }
      case 'int32':
        entries[name] = { dtype: 'I32', shape, data: Int32Array.from((await tensor.data()) as Int32Array) };
        break;
      case 'bool':
        entries[name] = { dtype: 'BOOL', shape, data: Uint8Array.from((await tensor.data()) as Uint8Array) };
        break;
      default:
        throw new TypeError(`safetensors: tensor '${name}' has dtype ${tensor.dtype}, which safetensors cannot store here (use float32, int32 or bool).`);
    }
  }
  return entries;
}

function toInt32(name: string, values: ArrayLike<number | bigint>, dtype: string, source: string): Int32Array {
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const n = typeof v === 'bigint' ? Number(v) : v;
    if (n < -2147483648 || n > 2147483647) {
      throw new SafetensorsError(source, `tensor '${name}' (${dtype}) holds ${String(v)} at index ${i}, outside int32, the widest integer tfjs has.`);
    }
    out[i] = n;
  }
  return out;
}

/**
 * Turns decoded entries into tfjs tensors: F32/F16/BF16/F64 → float32, integer dtypes → int32 (checked
 * for range), BOOL → bool. FP8 is refused (tfjs has no such type).
 *
 * @example
 * ```ts
 * const tensors = safetensorsEntriesToTensors(decodeSafetensors(bytes).tensors);
 * ```
 */
export function safetensorsEntriesToTensors(
  entries: Record<string, SafetensorsEntry>,
  source = 'safetensors',
): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
  try {
    for (const [name, { dtype, shape, data }] of Object.entries(entries)) {
      switch (dtype) {
        case 'F32':
          out[name] = tf.tensor(data as Float32Array, shape, 'float32');
          break;
        case 'F16':
          out[name] = tf.tensor(float16ToFloat32(data as Uint16Array), shape, 'float32');
          break;
        case 'BF16':
          out[name] = tf.tensor(bfloat16ToFloat32(data as Uint16Array), shape, 'float32');
          break;
        case 'F64':
          out[name] = tf.tensor(Float32Array.from(data as Float64Array), shape, 'float32');
          break;
        case 'BOOL':
          out[name] = tf.tensor(data as Uint8Array, shape, 'bool');
          break;
        case 'I32':
          out[name] = tf.tensor(data as Int32Array, shape, 'int32');
          break;
        case 'U8':
        case 'I8':
        case 'I16':
        case 'U16':
          out[name] = tf.tensor(Int32Array.from(data as ArrayLike<number>), shape, 'int32');
          break;
        case 'U32':
        case 'I64':
        case 'U64':
          out[name] = tf.tensor(toInt32(name, data as ArrayLike<number | bigint>, dtype, source), shape, 'int32');
          break;
        case 'F8_E4M3':
        case 'F8_E5M2':
          throw new SafetensorsError(source, `tensor '${name}' is ${dtype}, which tfjs cannot hold; convert it to F16 or F32 first.`);
      }
    }
  } catch (error) {
    tf.dispose(Object.values(out));
    throw error;
  }
  return out;
}
