/**
 * Leftovers of a killed session inside a run folder: temporary files of atomic writes
 * (`.<name>.<pid>.<time>.<n>.tmp`), of a log rewind (`<log>.rewind-<pid>.tmp`) and of a lock take-over
 * (`run.lock.stale-<pid>`), and the spare `<ckpt>.girl-old` / `<ckpt>.girl-new` folders of a checkpoint
 * whose folder is in place. Only run while this process holds the run's lock, so no writer is cut short.
 * A checkpoint whose own folder is missing keeps its siblings: they are what loadCheckpoint recovers from.
 */
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { checkpointOfSpare } from '@girl/tensor/internal';

const TEMP_FILE = /^\..+\.\d+\.[0-9a-z]+\.\d+\.tmp$|\.rewind-\d+\.tmp$|^run\.lock\.stale-\d+$/;

/** Whether a name in a run folder is a leftover (see the module doc); `siblingExists` tells for `.girl-*`. */
export function isLeftover(name: string, siblingExists: (base: string) => boolean): boolean {
  if (TEMP_FILE.test(name)) return true;
  const base = checkpointOfSpare(name); // a save's spare folder: @girl/tensor knows their names
  return base !== null && siblingExists(base);
}

/** Removes the leftovers under `dir` (recursively); returns their paths. */
export async function sweepLeftovers(dir: string): Promise<string[]> {
  const removed: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const path = join(d, e.name);
      if (isLeftover(e.name, (base) => existsSync(join(d, base)))) {
        await rm(path, { recursive: true, force: true });
        removed.push(path);
      } else if (e.isDirectory()) await walk(path);
    }
  };
  await walk(dir);
  return removed;
}
