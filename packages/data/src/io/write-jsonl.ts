import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Options for {@link writeJsonl}. */
export interface WriteJsonlOptions {
  /** Create the parent folder when missing (default true). */
  readonly mkdir?: boolean;
}

/**
 * Write records as JSON Lines, atomically: to a temporary file beside the target, then renamed over
 * it, so a crash never leaves a half-written file. Accepts arrays and (async) iterables, so a large
 * dataset is streamed, not held twice. Returns the number of records written.
 *
 * @example
 * ```ts
 * const market = createJobMarket({ seed: 1 });
 * await writeJsonl('out/pairs.jsonl', market.pairs);
 * ```
 */
export async function writeJsonl(file: string, records: Iterable<unknown> | AsyncIterable<unknown>, options: WriteJsonlOptions = {}): Promise<number> {
  if (options.mkdir ?? true) await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const out = createWriteStream(tmp, { encoding: 'utf8' });
  let n = 0;
  try {
    for await (const record of records as AsyncIterable<unknown>) {
      const line = JSON.stringify(record);
      if (line === undefined) throw new TypeError(`record ${n} cannot be written as JSON (got ${typeof record})`);
      if (!out.write(`${line}\n`)) await once(out, 'drain');
      n++;
    }
    out.end();
    await once(out, 'finish');
    await rename(tmp, file);
    return n;
  } catch (err) {
    out.destroy();
    await rm(tmp, { force: true });
    throw err;
  }
}
