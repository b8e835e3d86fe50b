import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeJsonAtomic } from './atomic-write.js';

describe('writeFileAtomic / writeJsonAtomic', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'girl-atomic-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes bytes and strings, replaces old content, leaves no temp file', async () => {
    const file = join(dir, 'a.bin');
    await writeFileAtomic(file, new Uint8Array([1, 2, 3]));
    expect([...(await readFile(file))]).toEqual([1, 2, 3]);
    await writeFileAtomic(file, 'hello');
    expect(await readFile(file, 'utf8')).toBe('hello');
    expect(await readdir(dir)).toEqual(['a.bin']);
  });

  it('creates missing parent folders unless told not to', async () => {
    await writeFileAtomic(join(dir, 'x', 'y', 'z.txt'), 'deep');
    expect(await readFile(join(dir, 'x', 'y', 'z.txt'), 'utf8')).toBe('deep');
    await expect(writeFileAtomic(join(dir, 'missing', 'f.txt'), 'no', { makeDirs: false })).rejects.toThrow(
      /could not write .*missing.*ENOENT/,
    );
  });

  it('on failure keeps the old content and removes the temp file', async () => {
    // The target is a non-empty folder, so the final rename fails after the temp file was written.
    const target = join(dir, 'taken');
    await mkdir(target);
    await writeFile(join(target, 'keep.txt'), 'old');
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow(/could not write '.*taken'.*previous file, if any, is unchanged/);
    expect((await readdir(dir)).sort()).toEqual(['taken']);
    expect(await readFile(join(target, 'keep.txt'), 'utf8')).toBe('old');
  });

  it('concurrent writers never leave a mixed file', async () => {
    const file = join(dir, 'race.txt');
    const payloads = Array.from({ length: 20 }, (_, i) => String(i).repeat(10_000));
    await Promise.all(payloads.map((p) => writeFileAtomic(file, p)));
    expect(payloads).toContain(await readFile(file, 'utf8'));
    expect(await readdir(dir)).toEqual(['race.txt']);
  });

  it('writeJsonAtomic writes indented JSON with a newline and refuses unserialisable values', async () => {
    const file = join(dir, 'state.json');
    await writeJsonAtomic(file, { version: 1, step: 3 });
    expect(await readFile(file, 'utf8')).toBe('{\n  "version": 1,\n  "step": 3\n}\n');
    await expect(writeJsonAtomic(file, { n: 1n })).rejects.toThrow(/cannot be written as JSON/);
    await expect(writeJsonAtomic(file, undefined)).rejects.toThrow(/has no JSON form/);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, step: 3 });
  });

  it('writes a stream of chunks in order, batching short lines, and keeps the old file when the stream fails', async () => {
    const file = join(dir, 'rows.jsonl');
    async function* rows(n: number, failAt = -1): AsyncGenerator<string | Uint8Array> {
      for (let i = 0; i < n; i++) {
        if (i === failAt) throw new TypeError(`row ${i} is bad`);
        yield i === 1 ? new TextEncoder().encode('{"i":1}\n') : `{"i":${i}}\n`;
      }
    }
    await writeFileAtomic(file, rows(20_000));
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(20_000);
    expect(lines.map((l) => (JSON.parse(l) as { i: number }).i)).toEqual(Array.from({ length: 20_000 }, (_, i) => i));
    await expect(writeFileAtomic(file, rows(10, 5))).rejects.toThrow(/could not write .*rows\.jsonl.*row 5 is bad/);
    expect((await readFile(file, 'utf8')).split('\n')).toHaveLength(20_001);
    expect(await readdir(dir)).toEqual(['rows.jsonl']);
    await expect(writeFileAtomic(file, [42 as unknown as string])).rejects.toThrow(/chunk must be a string or a Uint8Array/);
  });
});
