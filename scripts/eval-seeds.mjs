#!/usr/bin/env node
// `npm run eval:seeds`: the demo's pipeline (`girl pipeline --preset tiny`) for seeds 1, 2 and 3, one after
// the other, each in its own run folder under runs/eval-seeds/<time>/; prints each run's progress to stderr
// and, as the LAST line of stdout, one JSON object:
//   { seeds: [<summary.json's `figures` of each run>], oracleFitGain: { mean, stderr, min }, seconds }
// oracleFitGain is oracleFitAfter − oracleFitBefore per seed (greedy JDs of held-out CVs); stderr is the
// standard error of the mean over seeds. Env: EVAL_SEEDS="1,2,3", EVAL_PRESET=tiny (quick checks only), and
// EVAL_JOBS=1 — how many seeds run at once (each run is seeded, so the figures do not depend on it unless a
// stage's safety time budget stops it; each run's summary.json says whether one did).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';

const seeds = (process.env.EVAL_SEEDS ?? '1,2,3').split(',').map(Number);
if (seeds.some((s) => !Number.isInteger(s) || s < 0)) throw new Error(`EVAL_SEEDS must be comma-separated integers >= 0, got "${process.env.EVAL_SEEDS}".`);
const preset = process.env.EVAL_PRESET ?? 'tiny';
const jobs = Number(process.env.EVAL_JOBS ?? 1);
if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`EVAL_JOBS must be an integer >= 1, got "${process.env.EVAL_JOBS}".`);
const out = join('runs', 'eval-seeds', new Date().toISOString().replace(/[:.]/g, '-'));
const cli = join('packages', 'cli', 'dist', 'cli.js');
const t0 = performance.now();

/** Runs the demo's pipeline for one seed; resolves with its summary.json's figures. */
async function runSeed(seed) {
  const dir = join(out, `seed-${seed}`);
  process.stderr.write(`\n=== eval:seeds — seed ${seed} (${preset}) → ${dir}\n`);
  // 1. the demo's pipeline for this seed (its output → stderr, so stdout's last line is the JSON)
  const child = spawn(process.execPath, [cli, 'pipeline', '--preset', preset, '--seed', String(seed), '--out', out, '--run-id', `seed-${seed}`, '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const tag = (chunk) => process.stderr.write(jobs > 1 ? String(chunk).replace(/^(?=.)/gm, `[seed ${seed}] `) : chunk);
  child.stdout.on('data', tag);
  child.stderr.on('data', tag);
  const code = await new Promise((res) => child.on('close', (c, sig) => res(c ?? sig)));
  if (code !== 0) throw new Error(`girl pipeline for seed ${seed} exited with ${code}; see the output above (run folder ${dir}).`);
  // 2. its per-run figures, as written into summary.json
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
  if (!summary.figures) throw new Error(`${join(dir, 'summary.json')} has no "figures"; rebuild @girl/cli.`);
  return summary.figures;
}

const figures = new Array(seeds.length);
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(jobs, seeds.length) }, async () => {
    while (next < seeds.length) {
      const i = next++;
      figures[i] = await runSeed(seeds[i]);
    }
  }),
);
// 3. PPO's gain in oracle fit over seeds
const gains = figures.map((f) => (f.oracleFitAfter ?? NaN) - (f.oracleFitBefore ?? NaN)).filter(Number.isFinite);
const mean = gains.length ? gains.reduce((a, b) => a + b, 0) / gains.length : null;
const sd = gains.length > 1 ? Math.sqrt(gains.reduce((a, g) => a + (g - mean) ** 2, 0) / (gains.length - 1)) : null;
const r4 = (x) => (x === null ? null : Math.round(x * 1e4) / 1e4);
const result = {
  seeds: figures.map(({ aucLabels: _l, ...f }) => f),
  oracleFitGain: { mean: r4(mean), stderr: r4(sd === null ? null : sd / Math.sqrt(gains.length)), min: r4(gains.length ? Math.min(...gains) : null) },
  seconds: Math.round((performance.now() - t0) / 100) / 10,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
