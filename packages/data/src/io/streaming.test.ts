import { execFileSync } from 'node:child_process';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tempFiles } from '../testing/tmp-files.js';
import { loadPairs, readPairs } from './pairs.js';
import { writeJsonl } from './write-jsonl.js';

const { dir, write } = tempFiles();

function hasMkfifo(): boolean {
  if (process.platform === 'win32') return false;
  try {
    execFileSync('mkfifo', [join(dir, 'probe.fifo')]);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!hasMkfifo())('loaders stream (a named pipe proves the file is never read whole)', () => {
  for (const format of ['jsonl', 'csv'] as const) {
    it(`${format}: the first record arrives while the writer still holds the pipe open`, async () => {
      const fifo = join(dir, `pipe-${format}.fifo`);
      execFileSync('mkfifo', [fifo]);
      const iterator = readPairs(fifo, { format })[Symbol.asyncIterator]();
      const first = iterator.next(); // opens the pipe for reading
      const writer = await open(fifo, 'w');
      // the first record and the start of the second (csv-parse looks a few bytes ahead before it emits)
      const head = format === 'csv' ? 'cv,jd,label\n"CV, one",JD one,1\nCV t' : '{"cv":"CV, one","jd":"JD one","label":1}\n{"cv":"CV t';
      await writer.write(head);
      const r = await first; // would hang (and time out) if the loader waited for the end of the file
      expect(r.value?.value).toMatchObject({ cv: 'CV, one', label: 1 });
      await writer.write(format === 'csv' ? 'wo,JD two,0\n' : 'wo","jd":"JD two","label":0}\n');
      await writer.close();
      const second = await iterator.next();
      expect(second.value?.value).toMatchObject({ cv: 'CV two', label: 0 });
      expect((await iterator.next()).done).toBe(true);
    });
  }
});

const textArb = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r\n', '\r', 'é', '中', '😀', ';', '\t', '{', '}', '\\'), minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '');
/** Line breaks in a text: \r\n, \n and a lone \r each count once. */
const breaks = (s: string): number => (s.match(/\r\n|\r|\n/g) ?? []).length;

describe('round trips (property)', () => {
  it('CSV: quoted fields with commas, quotes, newlines and Unicode load back exactly, with the right start lines', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(textArb, textArb, fc.constantFrom(0, 1)), { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n'), async (rows, eol) => {
        const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
        let line = 2;
        const starts: number[] = [];
        const body = rows
          .map(([cv, jd, label]) => {
            starts.push(line);
            const rec = `${q(cv)},${q(jd)},${label}`;
            line += breaks(rec) + 1;
            return rec;
          })
          .join(eol);
        const f = write(`rt-${n++}.csv`, `cv,jd,label${eol}${body}${eol}`);
        const got: { line: number; cv: string; jd: string; label: number }[] = [];
        for await (const r of readPairs(f, { normalize: false })) got.push({ line: r.line, cv: r.value.cv, jd: r.value.jd, label: r.value.label });
        expect(got).toEqual(rows.map(([cv, jd, label], i) => ({ line: starts[i], cv, jd, label })));
      }),
      { numRuns: 60 },
    );
  });

  it('JSONL: writeJsonl then loadPairs gives the same pairs', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(textArb, textArb, fc.constantFrom(0 as const, 1 as const)), { minLength: 1, maxLength: 8 }), async (rows) => {
        const pairs = rows.map(([cv, jd, label]) => ({ cv, jd, label, source: 'p' }));
        const f = join(dir, `rt-${n++}.jsonl`);
        await writeJsonl(f, pairs);
        expect(await loadPairs(f, { normalize: false })).toEqual(pairs);
      }),
      { numRuns: 60 },
    );
  });
});
