import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonlLog, parseJsonl, readJsonl } from './jsonl-log.js';

describe('JsonlLog', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'girl-jsonl-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes each record before append returns (visible to a reader at once)', async () => {
    const file = join(dir, 'sub', 'm.jsonl');
    const log = await JsonlLog.open(file);
    log.append({ step: 1, loss: 2.5 });
    // no await between append and read: the line is in the file already
    expect(await readFile(file, 'utf8')).toBe('{"step":1,"loss":2.5}\n');
    log.append({ step: 2 });
    await log.sync();
    await log.close();
    expect((await readJsonl(file)).map((r) => r.step)).toEqual([1, 2]);
    expect(() => log.append({ step: 3 })).toThrow(/closed/);
  });

  it('rewinds on open: keeps the accepted records, drops a torn last line, leaves no temp file', async () => {
    const file = join(dir, 'm.jsonl');
    await writeFile(file, '{"step":1}\n{"step":2}\n{"step":3}\n{"step":4,"lo');
    const log = await JsonlLog.open(file, { keep: (r) => (r.step as number) <= 2 });
    log.append({ step: 3, again: true });
    await log.close();
    expect(await readFile(file, 'utf8')).toBe('{"step":1}\n{"step":2}\n{"step":3,"again":true}\n');
    expect(await readdir(dir)).toEqual(['m.jsonl']);
  });

  it('rewind filters an open log in place and keeps appending to the same file', async () => {
    const file = join(dir, 'm.jsonl');
    const log = await JsonlLog.open(file);
    for (const step of [1, 2, 3]) log.append({ step });
    log.rewind((r) => (r.step as number) <= 1);
    log.append({ step: 2, again: true });
    await log.close();
    expect(await readFile(file, 'utf8')).toBe('{"step":1}\n{"step":2,"again":true}\n');
    expect(await readdir(dir)).toEqual(['m.jsonl']);
  });

  it('starts empty without keep, and durable mode writes the same lines', async () => {
    const file = join(dir, 'm.jsonl');
    await writeFile(file, '{"step":9}\n');
    const log = await JsonlLog.open(file, { durable: true });
    log.append({ step: 1 });
    await log.close();
    expect(await readFile(file, 'utf8')).toBe('{"step":1}\n');
  });

  it('parseJsonl skips torn lines and non-objects; readJsonl of a missing file is empty', async () => {
    expect(parseJsonl('{"a":1}\n[1]\n3\n{"b":\n\n{"c":2}')).toEqual([{ a: 1 }, { c: 2 }]);
    expect(await readJsonl(join(dir, 'none.jsonl'))).toEqual([]);
  });
});
