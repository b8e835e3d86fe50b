/**
 * Atomic file writes for every artefact GIRL puts on disk (checkpoints, caches, metrics, tokenizers).
 *
 * The data goes to a temporary file in the same folder, is flushed to the disk (`fsync`), and is then
 * renamed over the target. A rename within one file system is atomic, so readers and a crash at any point
 * see either the old file or the complete new one, never half a file. On error the temporary file is
 * removed and the old file is left as it was.
 *
 * The content may also be a stream of chunks (any iterable or async iterable of strings or bytes), so
 * a large file such as a JSONL dataset is written without being held in memory twice.
 *
 * Node's `fs` is imported lazily, so a bundle that never calls these functions does not need it.
 */
import type * as FsPromises from 'node:fs/promises';

/** Options for {@link writeFileAtomic}. */
export interface WriteFileAtomicOptions {
  /**
   * Create missing parent folders first (like `mkdir -p`). Default `true`: artefacts usually go into a
   * fresh run folder, and a missing folder is rarely a mistake worth failing on.
   */
  makeDirs?: boolean;
  /**
   * Flush the file (and, on POSIX, its folder) to the disk before returning. Default `true`: without it a
   * power loss can still leave an empty or partial file after the rename. Turn off only for scratch files.
   */
  fsync?: boolean;
  /** File mode for a newly created file. Default `0o666` (minus the umask), as `fs.writeFile` does. */
  mode?: number;
}

/** What {@link writeFileAtomic} writes: one string or byte array, or a stream of them (written in order). */
export type AtomicContent =
  | Uint8Array
  | string
  | Iterable<Uint8Array | string>
  | AsyncIterable<Uint8Array | string>;

let counter = 0;

/** Chunks are gathered to about this many characters/bytes per write call, so streams of short lines stay fast. */
const WRITE_BATCH = 1 << 16;

/** Writes `data` through `handle`: one call for a whole string or buffer, batched calls for a stream. */
async function writeContent(handle: FsPromises.FileHandle, data: AtomicContent): Promise<void> {
  if (typeof data === 'string' || data instanceof Uint8Array) {
    await handle.writeFile(data);
    return;
  }
  let pending: (Uint8Array | string)[] = [];
  let size = 0;
  const flush = async (): Promise<void> => {
    for (const part of joinStrings(pending)) await handle.writeFile(part); // writeFile loops over short writes
    pending = [];
    size = 0;
  };
  for await (const chunk of data as AsyncIterable<Uint8Array | string>) {
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
      throw new TypeError(`a streamed chunk must be a string or a Uint8Array, got ${typeof chunk}`);
    }
    pending.push(chunk);
    size += chunk.length;
    if (size >= WRITE_BATCH) await flush();
  }
  await flush();
}

/** Runs of adjacent strings joined into one, so a batch of lines is one write call. */
function joinStrings(parts: readonly (Uint8Array | string)[]): (Uint8Array | string)[] {
  const out: (Uint8Array | string)[] = [];
  for (const part of parts) {
    const last = out.length - 1;
    if (typeof part === 'string' && typeof out[last] === 'string') out[last] += part;
    else out.push(part);
  }
  return out;
}

async function loadFs(): Promise<typeof FsPromises> {
  return import('node:fs/promises');
}

/** `fsync`s a folder so a rename inside it survives a power loss; not supported on Windows, so ignored there. */
async function fsyncDir(fs: typeof FsPromises, dir: string): Promise<void> {
  let handle: FsPromises.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open or fsync a folder; the rename is still atomic there.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function dirname(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (i < 0) return '.';
  if (i === 0) return path.slice(0, 1);
  return path.slice(0, i);
}

function basename(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(i + 1);
}

/**
 * Writes `data` to `path` atomically: temp file in the same folder, fsync, rename. `data` is a string,
 * bytes, or a stream of either; if the stream throws, nothing is renamed and the old file stays.
 *
 * @throws Error naming `path` when the write fails; the previous file, if any, is untouched.
 * @example
 * ```ts
 * await writeFileAtomic('runs/7/model.safetensors', bytes);
 * await writeFileAtomic('runs/7/notes.txt', 'hello\n');
 * await writeFileAtomic('runs/7/rows.jsonl', (function* () { for (const r of rows) yield `${JSON.stringify(r)}\n`; })());
 * ```
 */
export async function writeFileAtomic(
  path: string,
  data: AtomicContent,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const { makeDirs = true, fsync = true, mode } = options;
  if (typeof path !== 'string' || path.length === 0) throw new TypeError('writeFileAtomic: path must be a non-empty string.');
  const name = basename(path);
  if (name === '' || name === '.' || name === '..') {
    throw new TypeError(`writeFileAtomic: '${path}' names a folder, not a file.`);
  }
  const fs = await loadFs();
  const dir = dirname(path);
  if (makeDirs) await fs.mkdir(dir, { recursive: true });
  counter = (counter + 1) % 1e9;
  const tmp = `${dir}/.${name}.${process.pid}.${Date.now().toString(36)}.${counter}.tmp`;
  let handle: FsPromises.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, 'wx', mode);
    await writeContent(handle, data);
    if (fsync) await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(tmp, path);
  } catch (cause) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    const reason = (cause as NodeJS.ErrnoException)?.code ?? (cause as Error)?.message ?? String(cause);
    throw new Error(`writeFileAtomic: could not write '${path}' (${reason}); the previous file, if any, is unchanged.`, {
      cause,
    });
  }
  if (fsync) await fsyncDir(fs, dir);
}

/** Options for {@link writeJsonAtomic}. */
export interface WriteJsonAtomicOptions extends WriteFileAtomicOptions {
  /** Indentation passed to `JSON.stringify`. Default `2`: these files are read by people too. */
  indent?: number;
}

/**
 * Writes `value` as JSON (plus a final newline) to `path` atomically.
 *
 * @throws TypeError when `value` cannot be serialised (e.g. a BigInt or a cycle); nothing is written.
 * @example
 * ```ts
 * await writeJsonAtomic('runs/7/state.json', { version: 1, step: 100, rng: rng.getState() });
 * ```
 */
export async function writeJsonAtomic(path: string, value: unknown, options: WriteJsonAtomicOptions = {}): Promise<void> {
  const { indent = 2, ...rest } = options;
  let text: string | undefined;
  try {
    text = JSON.stringify(value, null, indent);
  } catch (cause) {
    throw new TypeError(`writeJsonAtomic: the value for '${path}' cannot be written as JSON (${(cause as Error).message}).`, {
      cause,
    });
  }
  if (text === undefined) {
    throw new TypeError(`writeJsonAtomic: the value for '${path}' has no JSON form (got ${typeof value}).`);
  }
  await writeFileAtomic(path, `${text}\n`, rest);
}
