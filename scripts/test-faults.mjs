#!/usr/bin/env node
// npm run test:faults — fault injection on the `micro` pipeline (issue #16), through the built CLI:
//   1. one uninterrupted reference run;
//   2. runs killed with SIGKILL at seeded random moments in every stage (>= 10 kills), resumed each time,
//      then checked: the run completes, every stage log and metrics.jsonl hold each step exactly once
//      (against the reference's records), SFT and the reward model end exactly as the reference, no
//      temporary file or folder remains;
//   3. a second --resume while a run is alive (must be refused), a copied run killed in PPO (must resume
//      into itself and leave the original untouched), and a corrupt exported policy (must be refused).
// Prints one line per event, a line of details, and last one JSON object with the fields.
// Seed: FAULTS_SEED (default 16). Exit code 1 when any check fails.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'packages/cli/dist/cli.js');
const SEED = Number(process.env.FAULTS_SEED ?? 16);
const STAGES = ['tokenizer', 'sft', 'reward', 'ppo', 'augment'];
// killed runs until at least MIN_KILLS kills have landed, every stage among them (at most MAX_RUNS runs)
const MIN_KILLS = 12;
const MAX_RUNS = 4;
// the micro preset with a few more steps, so that kills land between checkpoints as well as on them
const CONFIG = { preset: 'micro', sft: { maxSteps: 24, evalSteps: 4 }, reward: { maxSteps: 12, evalSteps: 3 }, ppo: { maxSteps: 4, saveSteps: 1 } };

/** mulberry32: a small seeded RNG, so the kill moments are the same on every run of the script. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(SEED);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (line) => process.stdout.write(`${line}\n`);

/** Starts the CLI; tracks the stage it is in from its `== <stage>` lines. */
function start(args) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const s = { child, output: '', stage: null, exited: false };
  child.stderr.on('data', (d) => {
    s.output += String(d);
    for (const m of String(d).matchAll(/^== (\w+)$/gm)) s.stage = m[1];
  });
  s.done = new Promise((resolve) => child.on('close', (code, signal) => {
    s.exited = true;
    resolve({ code, signal });
  }));
  return s;
}

async function waitUntil(cond, timeoutMs, what) {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));
const readJsonl = (p) => (existsSync(p) ? readFileSync(p, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)) : []);
const LOGS = ['metrics.jsonl', 'sft/metrics.jsonl', 'reward/metrics.jsonl', 'ppo/metrics.jsonl'];
const keyOf = (r) => `${r.stage ?? ''}/${r.type ?? 'step'}/${r.step}${r.final ? '/final' : ''}`;
/** A record without the fields that measure time (they differ between any two runs). */
const figures = (r) => Object.fromEntries(Object.entries(r).filter(([k]) => !/time|seconds|per_?s|persecond|^eps$/i.test(k)));

/** Duplicates and missing records of a run's logs, against the reference run's. */
function compareLogs(run, ref) {
  let duplicates = 0;
  let missing = 0;
  const notes = [];
  for (const f of LOGS) {
    const got = readJsonl(join(run, f)).map(keyOf);
    const want = new Set(readJsonl(join(ref, f)).map(keyOf));
    const seen = new Set(got);
    duplicates += got.length - seen.size;
    const lost = [...want].filter((k) => !seen.has(k));
    missing += lost.length;
    if (got.length !== seen.size || lost.length) notes.push(`${f}: ${got.length - seen.size} duplicate(s), missing ${lost.join(' ') || 'none'}`);
  }
  return { duplicates, missing, notes };
}

/** Whether a stage's records and summary equal the reference's exactly (time fields aside). */
function sameStage(run, ref, stage) {
  const a = readJsonl(join(run, stage, 'metrics.jsonl')).map(figures);
  const b = readJsonl(join(ref, stage, 'metrics.jsonl')).map(figures);
  const sa = readJson(join(run, 'summary.json'))[stage];
  const sb = readJson(join(ref, 'summary.json'))[stage];
  return JSON.stringify(a) === JSON.stringify(b) && JSON.stringify(sa) === JSON.stringify(sb);
}

/** Temporary files and folders left anywhere in a run. */
function leftovers(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (/\.tmp$|\.girl-(new|old)$|\.rewind-|\.stale-|^run\.lock$/.test(name)) out.push(relative(dir, p));
      else if (statSync(p).isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

function hashTree(dir) {
  const h = createHash('sha256');
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(relative(dir, p)).update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

const doneStages = (run) => (existsSync(join(run, 'run-state.json')) ? Object.keys(readJson(join(run, 'run-state.json')).stages) : []);

async function main() {
  const out = await mkdtemp(join(tmpdir(), 'girl-faults-'));
  const configFile = join(out, 'config.json');
  await writeFile(configFile, JSON.stringify(CONFIG));
  const failures = [];
  const check = (ok, what) => {
    if (!ok) {
      failures.push(what);
      log(`FAIL ${what}`); // at once, so a later crash of the script cannot hide it
    }
    return ok;
  };
  try {
    // 1. the reference run
    const t0 = Date.now();
    const ref = join(out, 'ref');
    const r0 = start(['pipeline', '--config', configFile, '--out', out, '--run-id', 'ref', '--quiet']);
    const refExit = await r0.done;
    if (refExit.code !== 0) throw new Error(`the reference run failed (rc ${refExit.code}):\n${r0.output}`);
    const stageMs = readJson(join(ref, 'summary.json')).stageSeconds;
    log(`reference run: ${((Date.now() - t0) / 1000).toFixed(1)} s, stage seconds ${JSON.stringify(stageMs)}`);

    // 2. killed and resumed runs: a kill planned in every stage, at a random moment inside it
    let kills = 0;
    let resumes = 0;
    let resumedOk = 0;
    const killedIn = Object.fromEntries(STAGES.map((s) => [s, 0]));
    let duplicateSteps = 0;
    let missingSteps = 0;
    const exact = { sft: true, reward: true, ppo: true };
    for (let k = 0; k < MAX_RUNS && (kills < MIN_KILLS || !STAGES.every((st) => killedIn[st] > 0)); k++) {
      const id = `faults-${k}`;
      const run = join(out, id);
      const plan = [...STAGES]; // one kill planned in each stage, at a random moment of its reference duration
      let first = true;
      for (;;) {
        const s = first ? start(['pipeline', '--config', configFile, '--out', out, '--run-id', id, '--quiet']) : start(['pipeline', '--resume', run, '--quiet']);
        if (!first) resumes++;
        first = false;
        const done = doneStages(run);
        while (plan.length && done.includes(plan[0])) plan.shift();
        const target = plan.shift();
        if (target) {
          await waitUntil(() => s.stage === target || s.exited, 120_000, `stage ${target}`);
          if (!s.exited) {
            await sleep(random() * Math.max(50, (stageMs[target] ?? 1) * 1000));
            if (!s.exited) {
              const stage = s.stage;
              s.child.kill('SIGKILL');
              await s.done;
              kills++;
              killedIn[stage]++;
              if (s.output.includes('girl:')) check(false, `${id}: a session failed before its kill:\n${s.output}`);
              else if (s.output.includes('Resuming')) resumedOk++;
              log(`${id}: SIGKILL in ${stage} (planned ${target})`);
              continue;
            }
          }
        }
        const r = await s.done;
        if (s.output.includes('Resuming') && r.code === 0) resumedOk++;
        check(r.code === 0, `${id}: the last session ended rc ${r.code}:\n${s.output.slice(-2000)}`);
        break;
      }
      // the checks of a completed run
      check(STAGES.every((st) => doneStages(run).includes(st)), `${id}: not every stage is done`);
      const logs = compareLogs(run, ref);
      duplicateSteps += logs.duplicates;
      missingSteps += logs.missing;
      for (const n of logs.notes) log(`${id}: ${n}`);
      for (const st of Object.keys(exact)) exact[st] &&= sameStage(run, ref, st);
      const left = leftovers(run);
      check(left.length === 0, `${id}: temporary files or folders remain: ${left.join(', ')}`);
    }
    check(kills >= 10, `only ${kills} kills (need >= 10)`);
    check(STAGES.every((st) => killedIn[st] > 0), `not every stage was killed: ${JSON.stringify(killedIn)}`);
    check(duplicateSteps === 0 && missingSteps === 0, `logs: ${duplicateSteps} duplicate and ${missingSteps} missing records`);
    check(exact.sft && exact.reward, `SFT / RM differ from the uninterrupted run: ${JSON.stringify(exact)}`);
    check(resumedOk === resumes, `${resumes - resumedOk} of ${resumes} resumes failed`);

    // 3a. a second --resume while the first process is alive
    const live = start(['pipeline', '--config', configFile, '--out', out, '--run-id', 'live', '--quiet']);
    await waitUntil(() => live.stage === 'sft' || live.exited, 120_000, 'the live run');
    const second = start(['pipeline', '--resume', join(out, 'live'), '--quiet']);
    const r2 = await second.done;
    const concurrentRefused = check(r2.code !== 0 && /in use by process \d+/.test(second.output) && !live.exited, `a concurrent --resume was not refused (rc ${r2.code}):\n${second.output}`);
    live.child.kill('SIGKILL');
    await live.done;

    // 3b. a run killed in PPO, copied, and the copy resumed: it must finish in itself only
    const orig = join(out, 'orig');
    const o = start(['pipeline', '--config', configFile, '--out', out, '--run-id', 'orig', '--quiet']);
    await waitUntil(() => existsSync(join(orig, 'ppo', 'ckpt', 'manifest.json')) || o.exited, 180_000, 'a PPO checkpoint');
    o.child.kill('SIGKILL');
    await o.done;
    const copy = join(out, 'copy');
    await cp(orig, copy, { recursive: true });
    const before = hashTree(orig);
    const c = start(['pipeline', '--resume', copy, '--quiet']);
    const rc = await c.done;
    const stateText = readFileSync(join(copy, 'ppo', 'ckpt', 'state.json'), 'utf8');
    const copiedRunIsolated = check(
      rc.code === 0 && hashTree(orig) === before && !stateText.includes(orig) && readJson(join(copy, 'summary.json')).ppo?.kl !== null,
      `the copied run did not resume into itself (rc ${rc.code}, original ${hashTree(orig) === before ? 'untouched' : 'CHANGED'}):\n${c.output.slice(-2000)}`,
    );
    const o2 = start(['pipeline', '--resume', orig, '--quiet']);
    const ro2 = await o2.done;
    check(ro2.code === 0 && readJson(join(orig, 'summary.json')).ppo?.kl !== null, `the original run did not finish its own PPO after the copy (rc ${ro2.code})`);

    // 3c. a corrupt exported policy: 4 KB flipped inside the weights
    const policy = join(out, 'policy');
    await cp(join(ref, 'ppo', 'policy'), policy, { recursive: true });
    const weights = join(policy, 'model.safetensors');
    const bytes = await readFile(weights);
    for (let i = 0; i < 4096 && 512 + i < bytes.length; i++) bytes[512 + i] ^= 0xff;
    await writeFile(weights, bytes);
    const cvFile = join(out, 'cv.txt');
    await writeFile(cvFile, 'Data engineer: Python, SQL, Spark, Airflow; five years of ETL pipelines.\n');
    const g = start(['generate', '--model', policy, '--cv', cvFile]);
    const rg = await g.done;
    const corruptPolicyRefused = check(rg.code !== 0 && g.output.includes('model.safetensors') && /corrupt/.test(g.output), `a corrupt policy was not refused (rc ${rg.code}):\n${g.output}`);

    log(`details: ${JSON.stringify({ seed: SEED, killedIn, resumes, seconds: Math.round((Date.now() - t0) / 1000), failures: failures.length })}`);
    for (const f of failures) log(`FAILED: ${f}`);
    const exactStages = Object.keys(exact).filter((st) => exact[st]);
    log(JSON.stringify({ kills, resumedOk, duplicateSteps, missingSteps, exactStages, concurrentRefused, copiedRunIsolated, corruptPolicyRefused }));
    return failures.length === 0 ? 0 : 1;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    log(`test:faults could not run: ${e.stack ?? e}`);
    process.exit(1);
  },
);
