import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDirs } from './make-dirs.js';

describe('makeDirs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'girl-mkdirs-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates missing parents and accepts an existing folder', async () => {
    await makeDirs(join(dir, 'a', 'b', 'c'));
    expect(existsSync(join(dir, 'a', 'b', 'c'))).toBe(true);
    await makeDirs(join(dir, 'a', 'b'));
  });

  it('fails with ENOTDIR where a part of the path is a file', async () => {
    await writeFile(join(dir, 'f'), 'x');
    await expect(makeDirs(join(dir, 'f', 'x'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it.skipIf(!existsSync('/proc/self'))('returns an error under /proc instead of hanging', async () => {
    await expect(makeDirs('/proc/girl-no-such-folder/x')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
