/**
 * tfjs-aware safetensors: tensors ↔ entries, and atomic save / checked load of `.safetensors` files.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { writeFileAtomic } from './atomic-write.js';
import { decodeSafetensors, encodeSafetensors, SafetensorsError } from './safetensors.js';
import { safetensorsEntriesToTensors, tensorsToSafetensorsEntries } from './safetensors-tensors.js';
import type { SafetensorsFloatDtype } from './safetensors-tensors.js';

export { safetensorsEntriesToTensors, tensorsToSafetensorsEntries };
export type { SafetensorsFloatDtype };

/** Options for {@link saveSafetensors} and {@link tensorsToSafetensorsEntries}. */
export interface SaveSafetensorsOptions {
  /** String → string metadata stored in the header (`__metadata__`). Default: none. */
  metadata?: Record<string, string>;
  /**
   * Storage dtype for float32 tensors. Default `'F32'`, because training state must resume exactly;
   * `'F16'` suits released weights. int32 tensors are always `I32`, bool tensors `BOOL`.
   */
  dtype?: SafetensorsFloatDtype;
}

/** What {@link loadSafetensors} returns: tfjs tensors (owned by the caller) and the header metadata. */
export interface LoadedSafetensors {
  tensors: Record<string, tf.Tensor>;
  metadata: Record<string, string>;
}

/**
 * Saves tensors to a `.safetensors` file atomically (a crash never leaves half a file).
 *
 * @example
 * ```ts
 * await saveSafetensors('runs/7/model.safetensors', { 'wte': wte, 'h.0.attn.w': w }, {
 *   metadata: { step: '1000' },
 *   dtype: 'F32',
 * });
 * ```
 */
export async function saveSafetensors(
  path: string,
  tensors: Record<string, tf.Tensor>,
  options: SaveSafetensorsOptions = {},
): Promise<void> {
  const entries = await tensorsToSafetensorsEntries(tensors, options);
  let bytes: Uint8Array;
  try {
    bytes = encodeSafetensors(entries, options.metadata);
  } catch (error) {
    if (error instanceof SafetensorsError) throw new SafetensorsError(path, error.message.replace(/^encodeSafetensors: /, ''));
    throw error;
  }
  await writeFileAtomic(path, bytes);
}

/**
 * Loads a `.safetensors` file into tfjs tensors (owned by the caller: dispose them), checking the file
 * fully; errors name the path and what is wrong (e.g. truncated).
 *
 * @example
 * ```ts
 * const { tensors, metadata } = await loadSafetensors('runs/7/model.safetensors');
 * params['wte']!.assign(tensors['wte']!);
 * tf.dispose(Object.values(tensors));
 * ```
 */
export async function loadSafetensors(path: string): Promise<LoadedSafetensors> {
  const { readFile } = await import('node:fs/promises');
  let bytes: Uint8Array;
  try {
    const buf = await readFile(path);
    bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException)?.code ?? (cause as Error)?.message;
    throw new Error(`loadSafetensors: cannot read '${path}' (${code}).`, { cause });
  }
  const { tensors, metadata } = decodeSafetensors(bytes, path);
  return { tensors: safetensorsEntriesToTensors(tensors, path), metadata };
}
