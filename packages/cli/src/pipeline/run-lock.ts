/**
 * One process per run folder: `run.lock` (pid, host, start time, folder) is created exclusively before a
 * session writes anything else. A second process gets an error naming the holder. A lock whose process is
 * gone (same host, pid not alive), or that was copied in with the folder from elsewhere, is taken over
 * with a notice.
 */
import { hostname } from 'node:os';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The lock file's name inside a run folder. */
export const LOCK_FILE = 'run.lock';

/** What `run.lock` holds. */
export interface RunLockInfo {
  pid: number;
  host: string;
  startedAt: string;
  /** The folder the lock was taken in (a copied folder's lock names the original: not ours). */
  path: string;
}

/** Thrown when another live process holds the run. */
export class RunLockedError extends Error {
  override name = 'RunLockedError';
}

/** Whether process `pid` is alive on this host (EPERM: alive, owned by someone else). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Why a found lock may be taken over, or null when its holder may still be running.
 * Pure: the caller says whether the pid is alive.
 */
export function staleReason(lock: RunLockInfo | null, here: { host: string; path: string }, alive: (pid: number) => boolean): string | null {
  if (lock === null) return 'the lock file is unreadable (a process killed while writing it)';
  if (lock.path !== here.path) return `it was taken in '${lock.path}' (this folder is a copy or was moved)`;
  if (lock.host !== here.host) return null; // another machine: its pid cannot be checked from here
  if (!alive(lock.pid)) return `process ${lock.pid} (started ${lock.startedAt}) is no longer running`;
  return null;
}

async function readLock(file: string): Promise<RunLockInfo | null> {
  try {
    const v = JSON.parse(await readFile(file, 'utf8')) as RunLockInfo;
    return typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.path === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** A held lock; {@link release} removes it (only while it is still ours). */
export interface RunLock {
  info: RunLockInfo;
  release(): Promise<void>;
}

/**
 * Takes `<dir>/run.lock`. @throws RunLockedError naming the holder when a live process has it.
 *
 * @example
 * ```ts
 * const lock = await acquireRunLock('runs/7', (m) => console.error(m));
 * try { ... } finally { await lock.release(); }
 * ```
 */
export async function acquireRunLock(dir: string, notice: (line: string) => void): Promise<RunLock> {
  const file = join(dir, LOCK_FILE);
  const info: RunLockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), path: dir };
  const text = `${JSON.stringify(info)}\n`;
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      await writeFile(file, text, { flag: 'wx' }); // exclusive: fails when any lock exists
      return { info, release: () => releaseIfOurs(file, info) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new Error(`Cannot create the run lock '${file}': ${(e as Error).message}. Check that the run folder is writable.`, { cause: e });
      }
    }
    const held = await readLock(file);
    if (held === null && (await isFresh(file))) {
      await new Promise((r) => setTimeout(r, 200)); // another process is writing its lock this moment
      continue;
    }
    const why = staleReason(held, { host: info.host, path: dir }, isProcessAlive);
    if (why === null) {
      const h = held as RunLockInfo;
      throw new RunLockedError(
        `The run '${dir}' is in use by process ${h.pid} on ${h.host} (started ${h.startedAt}). Wait for it to finish or stop it; ` +
          `if that process is gone (e.g. another machine crashed), delete '${file}' and try again.`,
      );
    }
    // take over: move the stale lock aside (a rename: only one of two racing processes gets it), then retry
    const aside = `${file}.stale-${process.pid}`;
    try {
      await rename(file, aside);
      await rm(aside, { force: true });
      notice(`note: took over the stale run lock of '${dir}': ${why}.`);
    } catch {
      // someone else moved it first; the next attempt sees their lock
    }
  }
  throw new RunLockedError(`Could not take the run lock '${file}' (another process keeps taking it). Try again.`);
}

async function isFresh(file: string): Promise<boolean> {
  const s = await stat(file).catch(() => null);
  return s !== null && Date.now() - s.mtimeMs < 2000;
}

async function releaseIfOurs(file: string, info: RunLockInfo): Promise<void> {
  const now = await readLock(file);
  if (now && now.pid === info.pid && now.host === info.host && now.startedAt === info.startedAt) await rm(file, { force: true });
}
