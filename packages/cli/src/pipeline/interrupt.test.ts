import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Spawns the CLI (from source, through tsx) on the micro preset, stops it once the first SFT checkpoint
// exists, then resumes it to the end.
const CLI = fileURLToPath(new URL('../cli.ts', import.meta.url));

function start(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIRL_DEBUG: '1' } });
  let output = '';
  child.stdout.on('data', (d) => (output += String(d)));
  child.stderr.on('data', (d) => (output += String(d)));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return { child, done, output: () => output };
}

async function waitFor(path: string, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  while (!existsSync(path)) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${path}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function setup() {
  const out = await mkdtemp(join(tmpdir(), 'girl-cli-interrupt-'));
  const config = join(out, 'config.json');
  // long enough SFT that the interrupt lands in it; checkpoints every 2 steps
  await writeFile(config, JSON.stringify({ preset: 'micro', sft: { maxSteps: 60, evalSteps: 2 }, ppo: { maxSteps: 2 }, augment: { enabled: false } }));
  return { out, config, run: join(out, 'r') };
}

describe('interrupt and --resume', () => {
  for (const how of ['SIGINT', 'SIGKILL'] as const) {
    it(`${how} during SFT keeps the last checkpoint and --resume finishes the run`, async () => {
      const { out, config, run } = await setup();
      const first = start(['pipeline', '--config', config, '--out', out, '--run-id', 'r', '--quiet']);
      await waitFor(join(run, 'sft', 'last', 'manifest.json'), 120_000);
      first.child.kill(how);
      const r1 = await first.done;
      if (how === 'SIGINT') {
        expect(r1.code, first.output()).toBe(130);
        expect(first.output()).toContain(`girl pipeline --resume ${run}`);
      } else expect(r1.signal).toBe('SIGKILL');
      const state1 = JSON.parse(await readFile(join(run, 'run-state.json'), 'utf8'));
      expect(state1.stages.sft).toBeUndefined();
      const ckpt = JSON.parse(await readFile(join(run, 'sft', 'last', 'state.json'), 'utf8'));
      expect(ckpt.step).toBeGreaterThan(0);

      const second = start(['pipeline', '--resume', run, '--quiet']);
      const r2 = await second.done;
      expect(r2.code, second.output()).toBe(0);
      const summary = JSON.parse(await readFile(join(run, 'summary.json'), 'utf8'));
      expect(summary.sft.steps).toBe(60);
      expect(typeof summary.ppo.scoreAfter).toBe('number');
      expect(existsSync(join(run, 'report.html'))).toBe(true);
      // the run log holds each SFT step once, none missing (rewound to the checkpoint on resume)
      const lines = (await readFile(join(run, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { stage: string; type: string; step: number });
      expect(lines.filter((r) => r.stage === 'sft' && r.type === 'step').map((r) => r.step)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
      // the stage's time covers both sessions
      expect(summary.stageSeconds.sft).toBeGreaterThanOrEqual(state1.stageSpent?.sft ?? 0);
    }, 240_000);
  }
});

describe('remainingBudget', () => {
  it('subtracts the seconds of earlier sessions, never below 0; null stays null', async () => {
    const { remainingBudget } = await import('./interrupt.js');
    expect(remainingBudget(100, 30)).toBe(70);
    expect(remainingBudget(100, 130)).toBe(0);
    expect(remainingBudget(null, 30)).toBeNull();
  });
});
