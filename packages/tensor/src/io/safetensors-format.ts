/** The safetensors format's dtypes, entry types, error and the small checks the encoder and decoder share. */
import { GirlError } from '@girl/core';

/** Every dtype of the safetensors spec that this module reads and writes (all but the sub-byte ones). */
export type SafetensorsDtype =
  | 'BOOL'
  | 'U8'
  | 'I8'
  | 'F8_E5M2'
  | 'F8_E4M3'
  | 'I16'
  | 'U16'
  | 'F16'
  | 'BF16'
  | 'I32'
  | 'U32'
  | 'F32'
  | 'F64'
  | 'I64'
  | 'U64';

/** Typed arrays that hold safetensors data; F16, BF16 hold raw bit patterns in a `Uint16Array`. */
export type SafetensorsData =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

/** One tensor: dtype, shape (`[]` for a scalar) and its values in row-major order. */
export interface SafetensorsEntry {
  dtype: SafetensorsDtype;
  shape: number[];
  data: SafetensorsData;
}

/** What {@link decodeSafetensors} returns. */
export interface DecodedSafetensors {
  /** Tensors in file order (the order of their data). */
  tensors: Record<string, SafetensorsEntry>;
  /** The `__metadata__` map (empty when the file has none). */
  metadata: Record<string, string>;
}

/** Thrown for a malformed safetensors buffer or bad input to the encoder; `source` names the file. */
export class SafetensorsError extends GirlError<'invalid-safetensors'> {
  override readonly name = 'SafetensorsError';
  constructor(
    /** The file path, or a description of the buffer. */
    readonly source: string,
    message: string,
  ) {
    super('invalid-safetensors', `${source}: ${message}`);
  }
}

/** A typed-array constructor of one dtype. */
export type ArrayCtor = { new (buffer: ArrayBuffer): SafetensorsData; readonly BYTES_PER_ELEMENT: number; readonly name: string };

/** Bytes per element and the typed array that holds each dtype. */
export const DTYPES: Record<SafetensorsDtype, { size: number; array: ArrayCtor }> = {
  BOOL: { size: 1, array: Uint8Array },
  U8: { size: 1, array: Uint8Array },
  I8: { size: 1, array: Int8Array },
  F8_E5M2: { size: 1, array: Uint8Array },
  F8_E4M3: { size: 1, array: Uint8Array },
  I16: { size: 2, array: Int16Array },
  U16: { size: 2, array: Uint16Array },
  F16: { size: 2, array: Uint16Array },
  BF16: { size: 2, array: Uint16Array },
  I32: { size: 4, array: Int32Array },
  U32: { size: 4, array: Uint32Array },
  F32: { size: 4, array: Float32Array },
  F64: { size: 8, array: Float64Array },
  I64: { size: 8, array: BigInt64Array },
  U64: { size: 8, array: BigUint64Array },
};

/** The dtypes this module supports, e.g. for error messages. */
export const SAFETENSORS_DTYPES = Object.keys(DTYPES) as SafetensorsDtype[];

/** The largest header we accept (the reference implementation's limit): 100 MB. */
export const MAX_SAFETENSORS_HEADER_BYTES = 100_000_000;

/** The header key of the string metadata map. */
export const METADATA_KEY = '__metadata__';

/** True for a dtype this module reads and writes. */
export function isDtype(value: unknown): value is SafetensorsDtype {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DTYPES, value);
}

/** Throws on a big-endian platform (the data is little-endian and is not byte-swapped). */
export function assertLittleEndian(source: string): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    throw new SafetensorsError(source, 'this platform is big-endian; safetensors data is little-endian and is not byte-swapped here.');
  }
}

/** Number of elements of a shape (1 for a scalar). */
export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** True for an array of non-negative safe integers. */
export function validShape(shape: unknown): shape is number[] {
  return Array.isArray(shape) && shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0);
}
