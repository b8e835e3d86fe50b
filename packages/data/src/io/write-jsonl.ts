import { writeFileAtomic } from '@girl/core/node';

/** Options for {@link writeJsonl}. */
export interface WriteJsonlOptions {
  /** Create the parent folder when missing (default true). */
  readonly mkdir?: boolean;
}

/**
 * Write records as JSON Lines, atomically (through @girl/core's `writeFileAtomic`: a temporary file
 * beside the target, then renamed over it), so a crash never leaves a half-written file. Accepts arrays
 * and (async) iterables, so a large dataset is streamed, not held twice. Returns the number of records
 * written.
 *
 * @example
 * ```ts
 * const market = createJobMarket({ seed: 1 });
 * await writeJsonl('out/pairs.jsonl', market.pairs);
 * ```
 */
export async function writeJsonl(file: string, records: Iterable<unknown> | AsyncIterable<unknown>, options: WriteJsonlOptions = {}): Promise<number> {
  let n = 0;
  async function* lines(): AsyncGenerator<string> {
    for await (const record of records as AsyncIterable<unknown>) {
      const line = JSON.stringify(record);
      if (line === undefined) throw new TypeError(`record ${n} cannot be written as JSON (got ${typeof record})`);
      yield `${line}\n`;
      n++;
    }
  }
  await writeFileAtomic(file, lines(), { makeDirs: options.mkdir ?? true });
  return n;
}
