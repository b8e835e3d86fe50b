#!/usr/bin/env node
// Reruns only the PPO stage of a finished `girl pipeline` run with other PPO settings, reusing its tokenizer,
// SFT model, reward model and the cached "before PPO" evaluation — a PPO experiment in ~3 minutes instead of
// a whole demo. The source run is left untouched; the copy goes to <out>/<name> (default runs/ppo-rerun).
//
//   node scripts/rerun-ppo.mjs <run folder> <name> '<JSON of ppo settings>' [--out <folder>]
//   node scripts/rerun-ppo.mjs runs/2026-11-30_01-27-33 rloo4 '{"advantage":"rloo","samplesPerPrompt":4}'
//
// Prints one JSON line: the settings, the held-out before → after figures and the PPO stage's seconds.
// Augmentation is switched off in the copy (it does not depend on PPO's settings being compared).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args.splice(outAt, 2)[1] : join(ROOT, 'runs', 'ppo-rerun');
const [src, name, json] = args;
if (!src || !name || !json) {
  console.error("usage: node scripts/rerun-ppo.mjs <run folder> <name> '<JSON of ppo settings>' [--out <folder>]");
  process.exit(2);
}
if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`name '${name}' must be letters, digits, '.', '_' or '-' (it becomes a folder name).`);
for (const f of ['run-state.json', 'config.json', 'reward/model', 'sft/best']) {
  if (!existsSync(join(src, f))) throw new Error(`'${src}' has no ${f}: pass a run folder whose SFT and reward stages are done.`);
}
let overrides;
try {
  overrides = JSON.parse(json);
} catch (e) {
  throw new Error(`the PPO settings are not JSON (${e.message}); e.g. '{"learningRate":1e-4}'.`);
}

// 1. a copy of the run without anything PPO or augmentation wrote
const dst = resolve(out, name);
rmSync(dst, { recursive: true, force: true });
cpSync(src, dst, { recursive: true });
for (const f of ['ppo/ckpt', 'ppo/ckpt.girl-new', 'ppo/ckpt.girl-old', 'ppo/policy', 'ppo/metrics.jsonl', 'ppo/eval-after.json', 'ppo/samples.json', 'augment', 'summary.json', 'report.html', 'run.lock']) {
  rmSync(join(dst, f), { recursive: true, force: true });
}
// 2. the new PPO settings (checked by the CLI when it resumes), the stages to run again
const config = JSON.parse(readFileSync(join(dst, 'config.json'), 'utf8'));
config.ppo = { ...config.ppo, ...overrides };
config.augment = { ...config.augment, enabled: false };
writeFileSync(join(dst, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
const state = JSON.parse(readFileSync(join(dst, 'run-state.json'), 'utf8'));
delete state.stages.ppo;
delete state.stages.augment;
writeFileSync(join(dst, 'run-state.json'), `${JSON.stringify(state, null, 2)}\n`);
const metrics = join(dst, 'metrics.jsonl');
if (existsSync(metrics)) {
  const kept = readFileSync(metrics, 'utf8').split('\n').filter((l) => l.trim() !== '' && !['ppo', 'augment'].includes(JSON.parse(l).stage));
  writeFileSync(metrics, kept.map((l) => `${l}\n`).join(''));
}
// 3. resume: only PPO runs
const r = spawnSync(process.execPath, [join(ROOT, 'packages/cli/dist/cli.js'), 'pipeline', '--resume', dst], { stdio: ['ignore', 'ignore', 'inherit'] });
if (r.status !== 0) process.exit(r.status ?? 1);
const s = JSON.parse(readFileSync(join(dst, 'summary.json'), 'utf8'));
const p = s.ppo;
const pick = (o, keys) => Object.fromEntries(keys.map((k) => [k, o?.[k] ?? null]));
console.log(
  JSON.stringify({
    name,
    settings: overrides,
    ...pick(p, ['scoreBefore', 'scoreAfter', 'oracleFitBefore', 'oracleFitAfter', 'oracleFitRateBefore', 'oracleFitRateAfter', 'kl', 'heldOutCvs']),
    quality: p.quality,
    seconds: s.stageSeconds?.ppo ?? null,
  }),
);
