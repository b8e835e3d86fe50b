/**
 * Streaming safetensors for large checkpoints: only the header is parsed as text; each tensor is read
 * from disk by its byte offsets, one at a time, straight into a typed array (never the whole file
 * through memory or a JS string). Single files and sharded folders (`model.safetensors.index.json`).
 *
 * Node only (file handles); loaded lazily so the package's browser entry stays free of `node:` imports.
 */
import { bfloat16ToFloat32, float16ToFloat32 } from '@girl/tensor';

/** Where one tensor lives on disk. */
export interface StoredTensor {
  name: string;
  /** The shard file holding it. */
  file: string;
  dtype: string;
  shape: number[];
  /** Absolute byte offsets in `file`. */
  begin: number;
  end: number;
}

const FLOAT_SIZES: Record<string, number> = { F32: 4, F16: 2, BF16: 2 };
const OTHER_SIZES: Record<string, number> = { F64: 8, I64: 8, U64: 8, I32: 4, U32: 4, I16: 2, U16: 2, I8: 1, U8: 1, BOOL: 1, F8_E4M3: 1, F8_E5M2: 1 };
const MAX_HEADER = 100_000_000;

/**
 * Reads and checks one safetensors file's header: JSON, dtypes, shapes against byte spans, and that
 * every span lies inside the file (a truncated file is named with the first tensor it cuts).
 *
 * @throws Error naming the file and, where one is at fault, the tensor.
 */
export async function readSafetensorsHeader(file: string): Promise<StoredTensor[]> {
  const { open } = await import('node:fs/promises');
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(file, 'r');
  } catch (cause) {
    throw new Error(`cannot open '${file}' (${(cause as NodeJS.ErrnoException).code}).`, { cause });
  }
  try {
    const size = (await fh.stat()).size;
    if (size < 8) throw new Error(`'${file}' has ${size} bytes; a safetensors file starts with an 8-byte header length. It is truncated or not safetensors.`);
    const lenBuf = new Uint8Array(8);
    await fh.read(lenBuf, 0, 8, 0);
    const n = Number(new DataView(lenBuf.buffer).getBigUint64(0, true));
    if (n > MAX_HEADER || 8 + n > size) throw new Error(`'${file}': header length ${n} does not fit the file's ${size} bytes; the file is truncated or corrupt.`);
    const headerBytes = new Uint8Array(n);
    await fh.read(headerBytes, 0, n, 8);
    let header: Record<string, unknown>;
    try {
      header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes)) as Record<string, unknown>;
    } catch (cause) {
      throw new Error(`'${file}': the safetensors header is not valid UTF-8 JSON; the file is corrupt.`, { cause });
    }
    if (typeof header !== 'object' || header === null || Array.isArray(header)) throw new Error(`'${file}': the safetensors header is not a JSON object.`);
    const out: StoredTensor[] = [];
    for (const [name, info] of Object.entries(header)) {
      if (name === '__metadata__') continue;
      const { dtype, shape, data_offsets: off } = (info ?? {}) as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
      const elSize = FLOAT_SIZES[dtype as string] ?? OTHER_SIZES[dtype as string];
      if (elSize === undefined) throw new Error(`'${file}': tensor '${name}' has unknown dtype ${JSON.stringify(dtype)}.`);
      if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw new Error(`'${file}': tensor '${name}' has a bad shape ${JSON.stringify(shape)}.`);
      if (!Array.isArray(off) || off.length !== 2 || !off.every((o) => Number.isSafeInteger(o) && o >= 0)) {
        throw new Error(`'${file}': tensor '${name}' has bad data_offsets ${JSON.stringify(off)}.`);
      }
      const [b, e] = off as [number, number];
      const need = (shape as number[]).reduce((a, d) => a * d, 1) * elSize;
      if (e - b !== need) throw new Error(`'${file}': tensor '${name}' [${shape.join(', ')}] ${String(dtype)} needs ${need} bytes but data_offsets span ${e - b}; the header is corrupt.`);
      if (8 + n + e > size) {
        throw new Error(`'${file}': tensor '${name}' needs bytes up to ${8 + n + e} but the file has ${size}; the file is truncated (re-download or re-save it).`);
      }
      out.push({ name, file, dtype: dtype as string, shape: shape as number[], begin: 8 + n + b, end: 8 + n + e });
    }
    return out;
  } finally {
    await fh.close();
  }
}

/**
 * Every tensor of a model folder: `model.safetensors`, or the shards named by
 * `model.safetensors.index.json` (each listed tensor checked to be in its shard).
 */
export async function listFolderTensors(dir: string): Promise<Map<string, StoredTensor>> {
  const { readFile, access } = await import('node:fs/promises');
  const indexPath = `${dir}/model.safetensors.index.json`;
  const single = `${dir}/model.safetensors`;
  const exists = (p: string) => access(p).then(() => true, () => false);
  const found = new Map<string, StoredTensor>();
  if (await exists(single)) {
    for (const t of await readSafetensorsHeader(single)) found.set(t.name, t);
    return found;
  }
  if (!(await exists(indexPath))) throw new Error(`'${dir}' has neither model.safetensors nor model.safetensors.index.json; GIRL reads safetensors weights only (convert .bin with transformers' save_pretrained(safe_serialization=True)).`);
  let map: Record<string, string>;
  try {
    map = (JSON.parse(await readFile(indexPath, 'utf8')) as { weight_map: Record<string, string> }).weight_map;
    if (typeof map !== 'object' || map === null) throw new Error('no weight_map');
  } catch (cause) {
    throw new Error(`'${indexPath}' is not a safetensors index (JSON with a 'weight_map' object).`, { cause });
  }
  for (const shard of [...new Set(Object.values(map))].sort()) {
    for (const t of await readSafetensorsHeader(`${dir}/${shard}`)) found.set(t.name, t);
  }
  for (const [name, shard] of Object.entries(map)) {
    const t = found.get(name);
    if (!t || t.file !== `${dir}/${shard}`) throw new Error(`'${indexPath}' places tensor '${name}' in '${shard}', which does not hold it.`);
  }
  return found;
}

/**
 * Reads one tensor's values as float32 (F32, F16 and BF16), from its byte span only.
 *
 * @throws Error naming the file and tensor for other dtypes or a short read.
 */
export async function readTensorF32(t: StoredTensor): Promise<Float32Array> {
  const size = FLOAT_SIZES[t.dtype];
  if (size === undefined) throw new Error(`'${t.file}': tensor '${t.name}' is ${t.dtype}; model weights must be F32, F16 or BF16.`);
  const { open } = await import('node:fs/promises');
  const fh = await open(t.file, 'r');
  try {
    const bytes = new Uint8Array(new ArrayBuffer(t.end - t.begin));
    const { bytesRead } = await fh.read(bytes, 0, bytes.length, t.begin);
    if (bytesRead !== bytes.length) throw new Error(`'${t.file}': tensor '${t.name}' read ${bytesRead} of ${bytes.length} bytes; the file is truncated.`);
    if (t.dtype === 'F32') return new Float32Array(bytes.buffer);
    const bits = new Uint16Array(bytes.buffer);
    return t.dtype === 'F16' ? float16ToFloat32(bits) : bfloat16ToFloat32(bits);
  } finally {
    await fh.close();
  }
}
