import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFiles } from '../testing/tmp-files.js';
import { loadPairs } from './pairs.js';
import { writeJsonl } from './write-jsonl.js';

const { dir, write } = tempFiles();

describe('writeJsonl', () => {
  it('writes records that load back identically (arrays and async iterables)', async () => {
    const pairs = [
      { cv: 'CV é\nline 2', jd: 'JD "quoted"', label: 1 as const, source: 's' },
      { cv: 'CV 2', jd: 'JD 2', label: 0 as const, source: 's' },
    ];
    const f = join(dir, 'sub', 'pairs.jsonl');
    expect(await writeJsonl(f, pairs)).toBe(2);
    expect(await loadPairs(f, { normalize: false })).toEqual(pairs);
    async function* gen(): AsyncGenerator<unknown> {
      yield { a: 1 };
      yield { a: 2 };
    }
    const g = join(dir, 'gen.jsonl');
    expect(await writeJsonl(g, gen())).toBe(2);
    expect(readFileSync(g, 'utf8')).toBe('{"a":1}\n{"a":2}\n');
  });

  it('leaves the old file untouched and no temp file behind when writing fails', async () => {
    const f = write('keep.jsonl', '{"old":true}\n');
    const bad = [{ ok: 1 }, undefined];
    await expect(writeJsonl(f, bad)).rejects.toThrow(/record 1/);
    expect(readFileSync(f, 'utf8')).toBe('{"old":true}\n');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(f)).toBe(true);
  });
});
