import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../config.js';
import { RunDir, RunDirError, keepOnRewind, readMetrics, validateRunId } from './run-dir.js';
import { RunLockedError } from './run-lock.js';

const config = resolveConfig({ preset: 'micro' });

describe('run folders', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'girl-rundir-'));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('refuses run ids that are not one plain folder name', () => {
    for (const bad of ['..', '.', '.hidden', 'a/b', '../x', 'a\\b', '', 'x'.repeat(129)]) expect(() => validateRunId(bad), bad).toThrow(/--run-id .* is not a plain folder name/);
    expect(validateRunId('exp-1.2_b')).toBe('exp-1.2_b');
  });

  it('creates a fresh folder inside --out only, and refuses an existing one (run or not)', async () => {
    await expect(RunDir.create(out, '..', config)).rejects.toThrow(RunDirError);
    expect(await readdir(join(out, '..'))).not.toContain('config.json');
    await mkdir(join(out, 'mine'));
    await writeFile(join(out, 'mine', 'config.json'), 'user data');
    await expect(RunDir.create(out, 'mine', config)).rejects.toThrow(/'.*mine' exists and is not a GIRL run .*nothing was written/);
    expect(await readFile(join(out, 'mine', 'config.json'), 'utf8')).toBe('user data');
    const run = await RunDir.create(out, 'r1', config);
    await run.close();
    await expect(RunDir.create(out, 'r1', config)).rejects.toThrow(/exists already\. Continue it with --resume/);
  });

  it('--resume reads a config.json saved before #14 renamed the sft / reward / ppo fields, in today\'s names', async () => {
    const run = await RunDir.create(out, 'old-names', config);
    await run.close();
    const { maxSteps, budgetSeconds } = config.sft;
    const old = { ...config, sft: { maxSteps, batchSize: 4, lr: 2e-3, evalEvery: 3, budgetSeconds, gradClip: 0.5 } };
    await writeFile(join(out, 'old-names', 'config.json'), JSON.stringify(old));
    const { dir, config: read } = await RunDir.open(join(out, 'old-names'));
    await dir.close();
    expect(read.sft).toEqual({ maxSteps, perDeviceTrainBatchSize: 4, learningRate: 2e-3, evalSteps: 3, budgetSeconds, maxGradNorm: 0.5 });
    expect(read.reward).toEqual(config.reward);
  });

  it('one process per run: a live holder is named, a dead or copied-in lock is taken over with a notice', async () => {
    const run = await RunDir.create(out, 'locked', config);
    const lock = JSON.parse(await readFile(run.file('run.lock'), 'utf8'));
    expect(lock).toMatchObject({ pid: process.pid, host: hostname(), path: run.path });
    await expect(RunDir.open(run.path)).rejects.toThrow(RunLockedError);
    await expect(RunDir.open(run.path)).rejects.toThrow(new RegExp(`in use by process ${process.pid} on ${hostname()}`));
    await run.close();
    expect(existsSync(run.file('run.lock'))).toBe(false);

    // a lock left by a process that is gone
    const child = spawn(process.execPath, ['-e', '0']);
    const deadPid = child.pid as number;
    await new Promise((r) => child.on('exit', r));
    await writeFile(run.file('run.lock'), JSON.stringify({ pid: deadPid, host: hostname(), startedAt: '2026-01-01T00:00:00Z', path: run.path }));
    const notes: string[] = [];
    const again = await RunDir.open(run.path, (l) => notes.push(l));
    expect(notes.join('\n')).toMatch(new RegExp(`took over the stale run lock .*process ${deadPid} .* is no longer running`));
    await again.dir.close();

    // a lock copied in with the folder (held by this live process, but for another path)
    await writeFile(run.file('run.lock'), JSON.stringify({ pid: process.pid, host: hostname(), startedAt: '2026-01-01T00:00:00Z', path: '/elsewhere/run' }));
    const notes2: string[] = [];
    const copy = await RunDir.open(run.path, (l) => notes2.push(l));
    expect(notes2.join('\n')).toMatch(/taken in '\/elsewhere\/run'/);
    await copy.dir.close();
  });

  it('the run log is written at once and rewound per stage (final records dropped)', async () => {
    const run = await RunDir.create(out, 'log', config);
    const rec = (stage: 'sft' | 'reward', step: number, extra: object = {}) => ({ stage, type: 'step', step, time: 't', ...extra });
    run.appendMetrics([rec('sft', 1), rec('sft', 2), rec('reward', 1), rec('reward', 2), rec('reward', 2, { type: 'eval', final: true })]);
    expect((await readMetrics(run.file('metrics.jsonl'))).length).toBe(5); // no await between append and read needed
    run.rewindStage('reward', 1);
    const left = await readMetrics(run.file('metrics.jsonl'));
    expect(left.map((r) => `${r.stage}${r.step}${r.final ? 'F' : ''}`)).toEqual(['sft1', 'sft2', 'reward1']);
    await run.close();
    expect(keepOnRewind({ stage: 'sft', step: 0 }, 'sft', -1)).toBe(false);
    expect(keepOnRewind({ stage: 'ppo', step: 9 }, 'sft', 0)).toBe(true);
  });
});
