/**
 * `girl serve --export <dir>`: the same page and run files as static files, for any static host. The
 * folder must be new or empty, so an export never overwrites something else.
 */
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RunFiles } from './run-files.js';

/** Writes the page and the run's files into `dir`; returns how many files were written. */
export async function exportSite(page: Map<string, string>, run: RunFiles, dir: string): Promise<number> {
  const existing = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw new Error(`--export ${dir}: cannot use this folder (${e.code}); give a new or empty folder.`);
  });
  if (existing.length > 0) throw new Error(`--export ${dir}: the folder is not empty; give a new or empty folder so nothing is overwritten.`);
  let n = 0;
  const put = async (rel: string, write: (to: string) => Promise<void>) => {
    const to = join(dir, rel);
    await mkdir(dirname(to), { recursive: true });
    await write(to);
    n++;
  };
  for (const [rel, from] of page) await put(rel, (to) => copyFile(from, to));
  for (const [rel, f] of run.files) await put(rel, (to) => ('path' in f ? copyFile(f.path, to) : writeFile(to, f.bytes)));
  await put('manifest.json', (to) => writeFile(to, JSON.stringify(run.manifest)));
  return n;
}
