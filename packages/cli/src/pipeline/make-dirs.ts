/**
 * `mkdir -p` one level at a time. Node's `mkdir(path, { recursive: true })` never returns for some paths
 * under `/proc` (it retries ENOENT forever), which made `--out /proc/…` hang; creating each missing
 * folder on its own turns that into an ordinary ENOENT error.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** Creates `path` and its missing parents. @throws the first file-system error (with its `code`). */
export async function makeDirs(path: string): Promise<void> {
  const missing: string[] = [];
  let p = resolve(path);
  for (;;) {
    const s = await stat(p).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    if (s) {
      if (!s.isDirectory()) throw Object.assign(new Error(`'${p}' is not a folder`), { code: 'ENOTDIR' });
      break;
    }
    missing.push(p);
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  for (const dir of missing.reverse()) {
    await mkdir(dir).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
  }
}
