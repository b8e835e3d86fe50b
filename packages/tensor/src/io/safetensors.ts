/**
 * The safetensors format (https://github.com/huggingface/safetensors), pure: no file system, no tfjs.
 *
 * Layout: 8 bytes little-endian u64 `N`; `N` bytes of UTF-8 JSON (the header), padded with spaces so the
 * data starts 8-byte aligned; then the raw little-endian tensor data, contiguous and in order. The header
 * maps each tensor name to `{"dtype", "shape", "data_offsets": [begin, end]}` (offsets relative to the
 * data section) and may hold `"__metadata__"`, a string → string map.
 */

import { DTYPES, METADATA_KEY, MAX_SAFETENSORS_HEADER_BYTES, SAFETENSORS_DTYPES, SafetensorsError, assertLittleEndian, isDtype, numel, validShape } from './safetensors-format.js';
import type { DecodedSafetensors, SafetensorsDtype, SafetensorsEntry } from './safetensors-format.js';

export { MAX_SAFETENSORS_HEADER_BYTES, SAFETENSORS_DTYPES, SafetensorsError } from './safetensors-format.js';
export type { DecodedSafetensors, SafetensorsData, SafetensorsDtype, SafetensorsEntry } from './safetensors-format.js';

/**
 * Encodes tensors (and optional string metadata) as a safetensors buffer.
 *
 * Tensors are laid out by element size, largest first, then by name, so every tensor is aligned to its
 * element size (and files with one dtype list tensors by name, as the Python library does).
 *
 * @throws SafetensorsError when an entry's dtype, shape or data do not agree (the message names it).
 * @example
 * ```ts
 * const bytes = encodeSafetensors(
 *   { 'wte': { dtype: 'F32', shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) } },
 *   { format: 'girl', step: '100' },
 * );
 * ```
 */
export function encodeSafetensors(
  entries: Record<string, SafetensorsEntry>,
  metadata?: Record<string, string>,
): Uint8Array {
  const source = 'encodeSafetensors';
  assertLittleEndian(source);
  const names = Object.keys(entries);
  for (const name of names) {
    const entry = entries[name]!;
    if (name === METADATA_KEY) throw new SafetensorsError(source, `'${METADATA_KEY}' is reserved and cannot name a tensor.`);
    if (!isDtype(entry.dtype)) {
      throw new SafetensorsError(
        source,
        `tensor '${name}' has unknown dtype ${JSON.stringify(entry.dtype)}; use one of ${SAFETENSORS_DTYPES.join(', ')}.`,
      );
    }
    if (!validShape(entry.shape)) {
      throw new SafetensorsError(source, `tensor '${name}' has shape ${JSON.stringify(entry.shape)}; dimensions must be non-negative integers.`);
    }
    const spec = DTYPES[entry.dtype];
    const okArray =
      entry.data instanceof spec.array || (spec.array === Uint8Array && (entry.data as unknown) instanceof Uint8ClampedArray);
    if (!okArray) {
      throw new SafetensorsError(
        source,
        `tensor '${name}' (${entry.dtype}) must hold its data in a ${spec.array.name}, got ${entry.data?.constructor?.name ?? typeof entry.data}` +
          (entry.dtype === 'F16' || entry.dtype === 'BF16' ? ' (raw half-precision bits; see float32ToFloat16).' : '.'),
      );
    }
    const expected = numel(entry.shape);
    if (entry.data.length !== expected) {
      throw new SafetensorsError(
        source,
        `tensor '${name}' has shape [${entry.shape.join(', ')}] (${expected} elements) but ${entry.data.length} values.`,
      );
    }
  }
  if (metadata !== undefined) {
    for (const [key, value] of Object.entries(metadata)) {
      if (typeof value !== 'string') {
        throw new SafetensorsError(source, `metadata '${key}' must be a string (safetensors metadata is string → string), got ${typeof value}.`);
      }
    }
  }

  const order = [...names].sort((a, b) => {
    const d = DTYPES[entries[b]!.dtype].size - DTYPES[entries[a]!.dtype].size;
    return d !== 0 ? d : a < b ? -1 : a > b ? 1 : 0;
  });
  const header: Record<string, unknown> = {};
  if (metadata !== undefined && Object.keys(metadata).length > 0) header[METADATA_KEY] = metadata;
  let offset = 0;
  for (const name of order) {
    const entry = entries[name]!;
    const end = offset + entry.data.byteLength;
    header[name] = { dtype: entry.dtype, shape: entry.shape, data_offsets: [offset, end] };
    offset = end;
  }
  let json = JSON.stringify(header);
  let headerBytes = new TextEncoder().encode(json);
  const pad = (8 - (headerBytes.length % 8)) % 8;
  if (pad > 0) {
    json += ' '.repeat(pad);
    headerBytes = new TextEncoder().encode(json);
  }
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const name of order) {
    const data = entries[name]!.data;
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), at);
    at += data.byteLength;
  }
  return out;
}

interface HeaderEntry {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  begin: number;
  end: number;
}

/**
 * Decodes a safetensors buffer, checking it fully: header length, UTF-8 and JSON, every dtype, shape and
 * offset, that the data is contiguous, in range and exactly fills the rest of the buffer. Values are
 * copied into fresh typed arrays.
 *
 * @param source names the buffer in error messages (the loaders pass the file path).
 * @throws SafetensorsError saying what is wrong and where (e.g. a truncated file).
 * @example
 * ```ts
 * const { tensors, metadata } = decodeSafetensors(bytes);
 * tensors['wte']!.data; // Float32Array
 * ```
 */
export function decodeSafetensors(bytes: Uint8Array, source = 'safetensors buffer'): DecodedSafetensors {
  assertLittleEndian(source);
  if (bytes.length < 8) {
    throw new SafetensorsError(
      source,
      `only ${bytes.length} bytes; a safetensors file starts with an 8-byte header length. The file is truncated or not safetensors.`,
    );
  }
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (headerLength > BigInt(MAX_SAFETENSORS_HEADER_BYTES)) {
    throw new SafetensorsError(
      source,
      `header length ${headerLength} bytes exceeds the ${MAX_SAFETENSORS_HEADER_BYTES}-byte limit; the file is corrupt or not safetensors.`,
    );
  }
  const n = Number(headerLength);
  if (8 + n > bytes.length) {
    throw new SafetensorsError(
      source,
      `header length ${n} runs past the end of the file (${bytes.length} bytes, so at most ${bytes.length - 8} header bytes). The file is truncated.`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n));
  } catch {
    throw new SafetensorsError(source, `header (bytes 8..${8 + n}) is not valid UTF-8; the file is corrupt.`);
  }
  if (!text.startsWith('{')) {
    throw new SafetensorsError(source, `header must be a JSON object starting with '{', got ${JSON.stringify(text.slice(0, 20))}.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SafetensorsError(source, `header is not valid JSON (${(error as Error).message}); the file is corrupt.`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SafetensorsError(source, 'header must be a JSON object.');
  }

  const metadata: Record<string, string> = {};
  const entries: HeaderEntry[] = [];
  for (const [name, info] of Object.entries(parsed as Record<string, unknown>)) {
    if (name === METADATA_KEY) {
      if (info === null || typeof info !== 'object' || Array.isArray(info)) {
        throw new SafetensorsError(source, `'${METADATA_KEY}' must be an object of strings.`);
      }
      for (const [key, value] of Object.entries(info as Record<string, unknown>)) {
        if (typeof value !== 'string') {
          throw new SafetensorsError(source, `'${METADATA_KEY}' entry '${key}' must be a string, got ${JSON.stringify(value)}.`);
        }
        metadata[key] = value;
      }
      continue;
    }
    const where = `tensor '${name}'`;
    if (info === null || typeof info !== 'object') throw new SafetensorsError(source, `${where}: header entry must be an object.`);
    const { dtype, shape, data_offsets: offsets } = info as Record<string, unknown>;
    if (!isDtype(dtype)) {
      throw new SafetensorsError(
        source,
        `${where}: unknown or unsupported dtype ${JSON.stringify(dtype)}; supported: ${SAFETENSORS_DTYPES.join(', ')}.`,
      );
    }
    if (!validShape(shape)) {
      throw new SafetensorsError(source, `${where}: shape ${JSON.stringify(shape)} must be an array of non-negative integers.`);
    }
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((o) => Number.isSafeInteger(o) && (o as number) >= 0) ||
      (offsets[0] as number) > (offsets[1] as number)
    ) {
      throw new SafetensorsError(source, `${where}: data_offsets ${JSON.stringify(offsets)} must be [begin, end] with 0 <= begin <= end.`);
    }
    const [begin, end] = offsets as [number, number];
    const expectedBytes = numel(shape) * DTYPES[dtype].size;
    if (end - begin !== expectedBytes) {
      throw new SafetensorsError(
        source,
        `${where}: shape [${shape.join(', ')}] × ${dtype} needs ${expectedBytes} bytes but data_offsets [${begin}, ${end}] span ${end - begin}.`,
      );
    }
    entries.push({ name, dtype, shape, begin, end });
  }

  const dataStart = 8 + n;
  const dataLength = bytes.length - dataStart;
  for (const e of entries) {
    if (e.end > dataLength) {
      throw new SafetensorsError(
        source,
        `tensor '${e.name}': data_offsets [${e.begin}, ${e.end}] run past the end of the data section (${dataLength} bytes). The file is truncated.`,
      );
    }
  }
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expectedBegin = 0;
  let previous = '';
  for (const e of entries) {
    if (e.begin < expectedBegin) {
      throw new SafetensorsError(source, `tensor '${e.name}' (bytes ${e.begin}..${e.end}) overlaps tensor '${previous}' (ends at ${expectedBegin}).`);
    }
    if (e.begin > expectedBegin) {
      throw new SafetensorsError(
        source,
        `tensor '${e.name}' starts at byte ${e.begin} of the data section but the previous data ends at ${expectedBegin}; tensors must be contiguous.`,
      );
    }
    expectedBegin = e.end;
    previous = e.name;
  }
  if (expectedBegin !== dataLength) {
    throw new SafetensorsError(
      source,
      `${dataLength - expectedBegin} bytes follow the last tensor's data; the header does not describe the whole file.`,
    );
  }

  const tensors: Record<string, SafetensorsEntry> = {};
  for (const e of entries) {
    const copy = bytes.slice(dataStart + e.begin, dataStart + e.end);
    tensors[e.name] = { dtype: e.dtype, shape: e.shape, data: new DTYPES[e.dtype].array(copy.buffer) };
  }
  return { tensors, metadata };
}
