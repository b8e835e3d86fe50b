import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isLeftover, sweepLeftovers } from './sweep.js';

describe('sweepLeftovers', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('tells leftovers by name', () => {
    const yes = () => true;
    expect(isLeftover('.run-state.json.123.lx1.4.tmp', yes)).toBe(true);
    expect(isLeftover('metrics.jsonl.rewind-77.tmp', yes)).toBe(true);
    expect(isLeftover('run.lock.stale-9', yes)).toBe(true);
    expect(isLeftover('last.girl-old', yes)).toBe(true);
    expect(isLeftover('last.girl-new', () => false)).toBe(false); // the only copy: kept for recovery
    expect(isLeftover('run-state.json', yes)).toBe(false);
    expect(isLeftover('metrics.jsonl', yes)).toBe(false);
  });

  it('removes temporary files and spare checkpoint folders, keeps everything else', async () => {
    const d = await mkdtemp(join(tmpdir(), 'girl-sweep-'));
    dirs.push(d);
    await mkdir(join(d, 'sft', 'last'), { recursive: true });
    await mkdir(join(d, 'sft', 'last.girl-old'));
    await mkdir(join(d, 'ppo', 'ckpt.girl-new'), { recursive: true });
    await writeFile(join(d, '.run-state.json.1.abc.0.tmp'), '');
    await writeFile(join(d, 'run-state.json'), '{}');
    const removed = await sweepLeftovers(d);
    expect(removed.map((p) => p.slice(d.length + 1)).sort()).toEqual(['.run-state.json.1.abc.0.tmp', 'sft/last.girl-old']);
    expect(existsSync(join(d, 'ppo', 'ckpt.girl-new'))).toBe(true);
    expect(existsSync(join(d, 'run-state.json'))).toBe(true);
  });
});
