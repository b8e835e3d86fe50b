/**
 * Checkpoint folders that survive crashes.
 *
 * On-disk format (version 1) — a folder holding:
 * - `model.safetensors`: the model tensors (F32, or F16 on request), with optional string metadata;
 * - `optimizer.safetensors`: optimizer tensors (always F32), only when given;
 * - `state.json`: any JSON (step, config, RNG state, metrics…), only when given;
 * - extra files named by the caller (e.g. `tokenizer.json`);
 * - `manifest.json`, written last: `{ "format": "girl-checkpoint", "version": 1, "createdAt": ISO-8601,
 *   "files": { "<name>": { "bytes": n, "sha256": hex } } }`.
 *
 * Saving writes everything into the sibling folder `<dir>.girl-new`, fsyncs it, moves the previous
 * checkpoint aside to `<dir>.girl-old`, renames the new folder into place and deletes the old one. A
 * crash at any moment leaves either the previous checkpoint or the new one complete:
 * {@link loadCheckpoint} reads `<dir>`, or, when a crash hit between the two renames, the complete
 * `<dir>.girl-new` or else `<dir>.girl-old`; the next {@link saveCheckpoint} finishes the interrupted
 * swap first. One writer per checkpoint folder at a time.
 */
import type * as FsPromises from 'node:fs/promises';
import type * as tf from '@tensorflow/tfjs-core';
import { writeFileAtomic } from './atomic-write.js';
import { encodeSafetensors, decodeSafetensors } from './safetensors.js';
import { safetensorsEntriesToTensors, tensorsToSafetensorsEntries } from './safetensors-file.js';
import type { CheckpointContent, CheckpointManifest, LoadedCheckpoint, SaveCheckpointOptions } from './checkpoint-types.js';

export type { CheckpointContent, CheckpointManifest, CheckpointStage, LoadedCheckpoint, SaveCheckpointOptions } from './checkpoint-types.js';

/** The current checkpoint format version, stored in `manifest.json`. */
export const CHECKPOINT_VERSION = 1;

const MODEL = 'model.safetensors';
const OPTIMIZER = 'optimizer.safetensors';
const STATE = 'state.json';
const MANIFEST = 'manifest.json';
const RESERVED = new Set([MODEL, OPTIMIZER, STATE, MANIFEST]);

type Fs = typeof FsPromises;

async function exists(fs: Fs, path: string): Promise<boolean> {
  try {
    await fs.stat(path);
    return true;
  } catch {
    return false;
  }
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(bytes).digest('hex');
}

function stripSlash(dir: string): string {
  return dir.length > 1 ? dir.replace(/[/\\]+$/, '') : dir;
}

/**
 * The checkpoint folder name a save's spare folder belongs to (`'last.girl-new'` → `'last'`), or null for
 * any other name. For tools that clean up run folders without knowing how a save swaps folders.
 *
 * @example
 * ```ts
 * checkpointOfSpare('last.girl-old'); // 'last'
 * checkpointOfSpare('last'); // null
 * ```
 */
export function checkpointOfSpare(name: string): string | null {
  for (const suffix of ['.girl-new', '.girl-old']) if (name.endsWith(suffix) && name.length > suffix.length) return name.slice(0, -suffix.length);
  return null;
}

/** Completes a swap a crash interrupted: `<dir>` missing but a complete `<dir>.girl-new` present. */
async function finishInterruptedSwap(fs: Fs, dir: string): Promise<void> {
  const fresh = `${dir}.girl-new`;
  const old = `${dir}.girl-old`;
  if (!(await exists(fs, dir)) && (await exists(fs, `${fresh}/${MANIFEST}`))) {
    await readVerified(fs, fresh)
      .then(() => fs.rename(fresh, dir))
      .catch(() => undefined); // an unverifiable new folder is simply discarded below
  }
  if (await exists(fs, dir)) await fs.rm(old, { recursive: true, force: true });
}

/**
 * Saves a checkpoint folder atomically (see the module doc for the format and the crash guarantees).
 * Tensors are read and encoded before anything touches the disk.
 *
 * @returns the manifest written.
 * @throws Error naming the folder when writing fails; the previous checkpoint is then still in place.
 * @example
 * ```ts
 * const opt = optimizer.getState();
 * await saveCheckpoint('runs/7/ckpt', {
 *   tensors: params,
 *   optimizer: opt.slots,
 *   json: { version: 1, step: opt.step, adamw: opt.config, rng: rng.getState() },
 * });
 * tf.dispose(Object.values(opt.slots));
 * ```
 */
export async function saveCheckpoint(
  dir: string,
  content: CheckpointContent,
  options: SaveCheckpointOptions = {},
): Promise<CheckpointManifest> {
  dir = stripSlash(dir);
  // 1. everything into memory first: a bad tensor or unserialisable JSON touches nothing on disk
  const blobs = new Map<string, Uint8Array>();
  const where = `saveCheckpoint('${dir}')`;
  if (content == null || typeof content.tensors !== 'object' || content.tensors === null) {
    throw new TypeError(`${where}: content.tensors must be a record of tensors.`);
  }
  blobs.set(MODEL, encodeSafetensors(await tensorsToSafetensorsEntries(content.tensors, { dtype: content.dtype }), content.metadata));
  if (content.optimizer) blobs.set(OPTIMIZER, encodeSafetensors(await tensorsToSafetensorsEntries(content.optimizer)));
  if (content.json !== undefined) {
    let text: string | undefined;
    try {
      text = JSON.stringify(content.json, null, 2);
    } catch (cause) {
      throw new TypeError(`${where}: json cannot be serialised (${(cause as Error).message}); nothing was written.`, { cause });
    }
    if (text === undefined) throw new TypeError(`${where}: json has no JSON form; nothing was written.`);
    blobs.set(STATE, new TextEncoder().encode(`${text}\n`));
  }
  for (const [name, data] of Object.entries(content.files ?? {})) {
    if (!/^[A-Za-z0-9._-]+$/.test(name) || name === '.' || name === '..' || RESERVED.has(name)) {
      throw new TypeError(
        `${where}: extra file name '${name}' is not allowed (use letters, digits, '.', '_', '-'; ${[...RESERVED].join(', ')} are reserved).`,
      );
    }
    blobs.set(name, typeof data === 'string' ? new TextEncoder().encode(data) : data);
  }
  const manifest: CheckpointManifest = { format: 'girl-checkpoint', version: CHECKPOINT_VERSION, createdAt: new Date().toISOString(), files: {} };
  for (const [name, bytes] of blobs) manifest.files[name] = { bytes: bytes.length, sha256: await sha256(bytes) };

  const fs = await import('node:fs/promises');
  const fresh = `${dir}.girl-new`;
  const old = `${dir}.girl-old`;
  await finishInterruptedSwap(fs, dir);
  // 2. write the new folder; the manifest goes last and marks it complete
  try {
    await fs.rm(fresh, { recursive: true, force: true });
    await fs.mkdir(fresh, { recursive: true });
    for (const [name, bytes] of blobs) await writeFileAtomic(`${fresh}/${name}`, bytes, { makeDirs: false });
    await writeFileAtomic(`${fresh}/${MANIFEST}`, `${JSON.stringify(manifest, null, 2)}\n`, { makeDirs: false });
    await options.onStage?.('files-written');
  } catch (cause) {
    await fs.rm(fresh, { recursive: true, force: true }).catch(() => undefined);
    throw new Error(`${where}: writing the new checkpoint failed (${(cause as Error)?.message ?? cause}); the previous one is unchanged.`, {
      cause,
    });
  }
  // 3. swap: previous aside, new into place, previous deleted
  let movedPrevious = false;
  try {
    if (await exists(fs, dir)) {
      await fs.rm(old, { recursive: true, force: true });
      await fs.rename(dir, old);
      movedPrevious = true;
    }
    await options.onStage?.('previous-moved');
    await fs.rename(fresh, dir);
  } catch (cause) {
    if (movedPrevious && !(await exists(fs, dir))) await fs.rename(old, dir).catch(() => undefined);
    await fs.rm(fresh, { recursive: true, force: true }).catch(() => undefined);
    throw new Error(`${where}: moving the new checkpoint into place failed (${(cause as Error)?.message ?? cause}); the previous one is kept.`, {
      cause,
    });
  }
  await options.onStage?.('renamed');
  await fs.rm(old, { recursive: true, force: true });
  return manifest;
}

async function readVerified(fs: Fs, dir: string): Promise<{ manifest: CheckpointManifest; blobs: Map<string, Uint8Array> }> {
  let manifestText: string;
  try {
    manifestText = await fs.readFile(`${dir}/${MANIFEST}`, 'utf8');
  } catch (cause) {
    throw new Error(`loadCheckpoint: '${dir}/${MANIFEST}' cannot be read (${(cause as NodeJS.ErrnoException).code}); this is not a complete checkpoint.`, {
      cause,
    });
  }
  let manifest: CheckpointManifest;
  try {
    manifest = JSON.parse(manifestText) as CheckpointManifest;
  } catch (cause) {
    throw new Error(`loadCheckpoint: '${dir}/${MANIFEST}' is not valid JSON (${(cause as Error).message}).`, { cause });
  }
  if (manifest?.format !== 'girl-checkpoint' || typeof manifest.files !== 'object' || manifest.files === null) {
    throw new Error(`loadCheckpoint: '${dir}/${MANIFEST}' is not a GIRL checkpoint manifest.`);
  }
  if (manifest.version !== CHECKPOINT_VERSION) {
    throw new Error(
      `loadCheckpoint: '${dir}' has checkpoint format version ${String(manifest.version)}; this @girl/tensor reads version ${CHECKPOINT_VERSION}. ` +
        'Upgrade @girl/tensor to read newer checkpoints.',
    );
  }
  const blobs = new Map<string, Uint8Array>();
  for (const [name, info] of Object.entries(manifest.files)) {
    const path = `${dir}/${name}`;
    if (!/^[A-Za-z0-9._-]+$/.test(name) || name === '..' || name === '.') throw new Error(`loadCheckpoint: manifest lists a bad file name '${name}'.`);
    let buf: Buffer;
    try {
      buf = await fs.readFile(path);
    } catch (cause) {
      throw new Error(`loadCheckpoint: '${path}' is listed in the manifest but cannot be read (${(cause as NodeJS.ErrnoException).code}).`, {
        cause,
      });
    }
    const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    if (bytes.length !== info.bytes) {
      throw new Error(
        `loadCheckpoint: '${path}' has ${bytes.length} bytes but the manifest says ${info.bytes}; the file is ${bytes.length < info.bytes ? 'truncated' : 'altered'}.`,
      );
    }
    if ((await sha256(bytes)) !== info.sha256) {
      throw new Error(`loadCheckpoint: '${path}' does not match its SHA-256 in the manifest; the file is corrupt.`);
    }
    blobs.set(name, bytes);
  }
  if (!blobs.has(MODEL)) throw new Error(`loadCheckpoint: '${dir}' has no ${MODEL} in its manifest.`);
  return { manifest, blobs };
}

/**
 * Where a complete checkpoint for `dir` lies, or `null` when there is none: `dir` itself, or — when a
 * crash hit between the two renames of a save — a verified `<dir>.girl-new` or `<dir>.girl-old`. A save
 * killed while still writing leaves only an incomplete `<dir>.girl-new`; that gives `null`, so callers
 * start fresh instead of failing to resume.
 *
 * @example
 * ```ts
 * const resume = (await findCheckpoint('runs/7/ckpt')) !== null;
 * ```
 */
export async function findCheckpoint(dir: string): Promise<string | null> {
  dir = stripSlash(dir);
  const fs = await import('node:fs/promises');
  if (await exists(fs, dir)) return dir; // only a complete folder is ever renamed to `dir`
  for (const candidate of [`${dir}.girl-new`, `${dir}.girl-old`]) {
    if (await readVerified(fs, candidate).then(() => true, () => false)) return candidate;
  }
  return null;
}

/**
 * Loads and verifies a checkpoint folder written by {@link saveCheckpoint}: every file's size and
 * SHA-256 are checked against the manifest, so a truncated or corrupt file gives a clear error instead
 * of a silently broken model. When `<dir>` is missing because a save crashed between its renames, the
 * complete sibling is read instead (see `readFrom`).
 *
 * @example
 * ```ts
 * const ckpt = await loadCheckpoint('runs/7/ckpt');
 * for (const [name, t] of Object.entries(ckpt.tensors)) params[name]!.assign(t);
 * optimizer.setState({ step: (ckpt.json as State).step, slots: ckpt.optimizer ?? {} });
 * rng.setState((ckpt.json as State).rng);
 * tf.dispose([...Object.values(ckpt.tensors), ...Object.values(ckpt.optimizer ?? {})]);
 * ```
 */
export async function loadCheckpoint(dir: string): Promise<LoadedCheckpoint> {
  dir = stripSlash(dir);
  const fs = await import('node:fs/promises');
  const readFrom = await findCheckpoint(dir);
  if (readFrom === null) throw new Error(`loadCheckpoint: no checkpoint at '${dir}' (the folder does not exist).`);
  const { manifest, blobs } = await readVerified(fs, readFrom);
  const model = decodeSafetensors(blobs.get(MODEL)!, `${readFrom}/${MODEL}`);
  const optimizerBytes = blobs.get(OPTIMIZER);
  const stateBytes = blobs.get(STATE);
  let json: unknown;
  if (stateBytes) {
    try {
      json = JSON.parse(new TextDecoder().decode(stateBytes));
    } catch (cause) {
      throw new Error(`loadCheckpoint: '${readFrom}/${STATE}' is not valid JSON (${(cause as Error).message}).`, { cause });
    }
  }
  const optimizerEntries = optimizerBytes ? decodeSafetensors(optimizerBytes, `${readFrom}/${OPTIMIZER}`).tensors : null;
  const tensors = safetensorsEntriesToTensors(model.tensors, `${readFrom}/${MODEL}`);
  let optimizer: Record<string, tf.Tensor> | null = null;
  try {
    optimizer = optimizerEntries ? safetensorsEntriesToTensors(optimizerEntries, `${readFrom}/${OPTIMIZER}`) : null;
  } catch (error) {
    for (const t of Object.values(tensors)) t.dispose();
    throw error;
  }
  const files: Record<string, Uint8Array> = {};
  for (const [name, bytes] of blobs) if (!RESERVED.has(name)) files[name] = bytes;
  return { tensors, optimizer, json, metadata: model.metadata, files, manifest, readFrom };
}
