#!/usr/bin/env node
// `npm run eval:seeds`: the demo's pipeline (`girl pipeline --preset tiny`) for seeds 1, 2 and 3, one after
// the other, each in its own run folder under runs/eval-seeds/<time>/; prints each run's progress to stderr
// and, as the LAST line of stdout, one JSON object:
//   { seeds: [<summary.json's `figures` of each run>], oracleFitGain: { mean, stderr, min }, seconds }
// oracleFitGain is oracleFitAfter − oracleFitBefore per seed (greedy JDs of held-out CVs); stderr is the
// standard error of the mean over seeds. Env (for quick checks only): EVAL_SEEDS="1,2,3", EVAL_PRESET=tiny.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const seeds = (process.env.EVAL_SEEDS ?? '1,2,3').split(',').map(Number);
if (seeds.some((s) => !Number.isInteger(s) || s < 0)) throw new Error(`EVAL_SEEDS must be comma-separated integers >= 0, got "${process.env.EVAL_SEEDS}".`);
const preset = process.env.EVAL_PRESET ?? 'tiny';
const out = join('runs', 'eval-seeds', new Date().toISOString().replace(/[:.]/g, '-'));
const cli = join('packages', 'cli', 'dist', 'cli.js');
const t0 = performance.now();
const figures = [];
for (const seed of seeds) {
  process.stderr.write(`\n=== eval:seeds — seed ${seed} (${preset}) → ${join(out, `seed-${seed}`)}\n`);
  // 1. the demo's pipeline for this seed (stdout → stderr, so stdout's last line is the JSON)
  const r = spawnSync(process.execPath, [cli, 'pipeline', '--preset', preset, '--seed', String(seed), '--out', out, '--run-id', `seed-${seed}`, '--quiet'], { stdio: ['ignore', process.stderr, process.stderr] });
  if (r.status !== 0) throw new Error(`girl pipeline for seed ${seed} exited with ${r.status ?? r.signal}; see the output above (run folder ${join(out, `seed-${seed}`)}).`);
  // 2. its per-run figures, as written into summary.json
  const summary = JSON.parse(readFileSync(join(out, `seed-${seed}`, 'summary.json'), 'utf8'));
  if (!summary.figures) throw new Error(`${join(out, `seed-${seed}`, 'summary.json')} has no "figures"; rebuild @girl/cli.`);
  figures.push(summary.figures);
}
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
