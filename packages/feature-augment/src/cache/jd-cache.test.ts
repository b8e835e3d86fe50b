import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JdCache } from './jd-cache.js';

const dirs: string[] = [];
async function tmpFile(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'girl-jd-cache-'));
  dirs.push(d);
  return join(d, 'sub', 'jds.jsonl');
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const cvs = Array.from({ length: 10 }, (_, i) => `cv number ${i}`);
const fakeJd = (cv: string) => `JD for ${cv}`;

describe('JdCache', () => {
  it('generates once, then reads from disk', async () => {
    const file = await tmpFile();
    let calls = 0;
    const gen = async (batch: readonly string[]) => {
      calls += batch.length;
      return batch.map(fakeJd);
    };
    const a = await JdCache.open({ file, modelId: 'm1', settings: { maxNewTokens: 64 } });
    expect(await a.generate([...cvs, cvs[0] as string], gen, { batchSize: 3 })).toEqual([...cvs.map(fakeJd), fakeJd(cvs[0] as string)]);
    expect(calls).toBe(10); // the repeated CV is generated once
    const b = await JdCache.open({ file, modelId: 'm1', settings: { maxNewTokens: 64 } });
    expect(b.size).toBe(10);
    expect(await b.generate(cvs, gen)).toEqual(cvs.map(fakeJd));
    expect(calls).toBe(10);
    // another model id or other settings miss
    const c = await JdCache.open({ file, modelId: 'm2', settings: { maxNewTokens: 64 } });
    expect(c.has(cvs[0] as string)).toBe(false);
    const d = await JdCache.open({ file, modelId: 'm1', settings: { maxNewTokens: 65 } });
    expect(d.has(cvs[0] as string)).toBe(false);
    // key order of settings does not matter
    const e = await JdCache.open({ file, modelId: 'm1', settings: { maxNewTokens: 64 } });
    expect(e.key('x')).toBe(a.key('x'));
  });

  it('resumes after a crash: only missing entries are generated; a torn line is skipped', async () => {
    const file = await tmpFile();
    const a = await JdCache.open({ file, modelId: 'm' });
    let batches = 0;
    const crashing = async (batch: readonly string[]) => {
      if (++batches === 3) throw new Error('simulated crash');
      return batch.map(fakeJd);
    };
    await expect(a.generate(cvs, crashing, { batchSize: 2 })).rejects.toThrow('simulated crash');
    // a process killed mid-write leaves half a line
    await appendFile(file, '{"v":1,"key":"abc","jd":"half');
    const b = await JdCache.open({ file, modelId: 'm' });
    expect(b.size).toBe(4);
    expect(b.corruptLines).toBe(1);
    const seen: string[] = [];
    const out = await b.generate(cvs, async (batch) => {
      seen.push(...batch);
      return batch.map(fakeJd);
    });
    expect(seen).toEqual(cvs.slice(4));
    expect(out).toEqual(cvs.map(fakeJd));
    // the torn line did not swallow the next entry
    const c = await JdCache.open({ file, modelId: 'm' });
    expect(c.size).toBe(10);
    expect(c.corruptLines).toBe(1);
    await c.compact();
    const d = await JdCache.open({ file, modelId: 'm' });
    expect([d.size, d.corruptLines]).toEqual([10, 0]);
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(10);
  });

  it('clear errors', async () => {
    const file = await tmpFile();
    await expect(JdCache.open({ file, modelId: '' })).rejects.toThrow(/modelId is empty/);
    const a = await JdCache.open({ file, modelId: 'm' });
    await expect(a.generate(cvs, async () => ['one'])).rejects.toThrow(/returned 1 JDs for 10 CVs/);
  });
});
