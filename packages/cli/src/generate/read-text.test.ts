import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TextInputError, decodeUtf8Text, readTextFile } from './read-text.js';

describe('readTextFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'girl-text-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads UTF-8 text (BOM dropped)', async () => {
    await writeFile(join(dir, 'cv.md'), '\uFEFFData engineer, 上海');
    expect(await readTextFile(join(dir, 'cv.md'), '--cv')).toBe('Data engineer, 上海');
  });

  it('names the flag and the fix for a missing file, a folder, a binary file and non-UTF-8 bytes', async () => {
    await expect(readTextFile(join(dir, 'none.md'), '--cv')).rejects.toThrow(/--cv '.*none.md' does not exist/);
    await expect(readTextFile(dir, '--cv')).rejects.toThrow(/--cv '.*' is a folder; pass a file/);
    await writeFile(join(dir, 'bin'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01]));
    await expect(readTextFile(join(dir, 'bin'), '--jobs')).rejects.toThrow(/--jobs '.*bin' is a binary file \(a NUL byte at offset 4\)/);
    await writeFile(join(dir, 'latin1.txt'), Buffer.from('caf\xe9 au lait', 'latin1'));
    await expect(readTextFile(join(dir, 'latin1.txt'), '--cv')).rejects.toThrow(TextInputError);
    await expect(readTextFile(join(dir, 'latin1.txt'), '--cv')).rejects.toThrow(/not UTF-8 text \(invalid byte 0xe9 at offset 3\).*Save it as UTF-8/);
  });

  it('decodeUtf8Text finds the first bad byte after valid multi-byte characters', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('é上'), 0xff, 0x41]);
    expect(() => decodeUtf8Text(bytes, '--cv', 'x')).toThrow(/invalid byte 0xff at offset 5/);
  });
});
