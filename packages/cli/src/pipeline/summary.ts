/** `summary.json` and the table printed at the end of a run. */
import { cpus } from 'node:os';
import type { RunDir, StageName } from './run-dir.js';
import { STAGES } from './run-dir.js';
import type { RunFigures } from './run-figures.js';

/** `summary.json`. Stage sections hold each stage's result (see the README's field list). */
export interface RunSummary {
  id: string;
  preset: string;
  backend: string | null;
  data: { source: string; format: string; sftTrain: number; sftEval: number; pairsTrain: number; pairsEval: number; oracle: boolean };
  tokenizer?: Record<string, unknown>;
  sft?: Record<string, unknown>;
  reward?: Record<string, unknown>;
  ppo?: Record<string, unknown>;
  augment?: Record<string, unknown>;
  /** The per-run figures of `npm run eval:seeds` (run-figures.ts). */
  figures?: RunFigures;
  /** Seconds per stage. */
  stageSeconds: Partial<Record<StageName, number>>;
  /** Wall-clock seconds of the whole run (sessions of a resumed run added up). */
  seconds: number;
  /** Sessions the run took (1 + resumes); every figure above covers all of them. */
  sessions: number;
  finishedAt: string;
  machine: { cpus: number; cpu: string | undefined; node: string; platform: string };
}

/** Builds the summary from the run's state. */
export function buildSummary(run: RunDir, preset: string, data: RunSummary['data']): RunSummary {
  const s: RunSummary = {
    id: run.state.id,
    preset,
    backend: run.state.backend,
    data,
    stageSeconds: {},
    seconds: Math.round(run.state.seconds * 10) / 10,
    sessions: run.state.sessions ?? 1,
    finishedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, platform: `${process.platform}-${process.arch}` },
  };
  for (const st of STAGES) {
    const done = run.state.stages[st];
    if (!done) continue;
    s[st] = done.result;
    s.stageSeconds[st] = Math.round(done.seconds * 10) / 10; // over every session (run-state's stageSpent)
  }
  return s;
}

const fmt = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(4)) : String(v));

/** The summary as a plain-text table (what `girl pipeline` prints). */
export function formatSummaryTable(s: RunSummary): string {
  const rows: [string, string, string][] = [];
  const add = (stage: string, metric: string, v: unknown) => rows.push([stage, metric, fmt(v)]);
  add('tokenizer', 'vocabSize', s.tokenizer?.vocabSize);
  add('sft', 'evalLoss (nats/token)', s.sft?.evalLoss);
  add('sft', 'evalPerplexity', s.sft?.evalPerplexity);
  add('sft', 'steps', s.sft?.steps);
  add('reward', 'auc (held-out pairs)', s.reward?.auc);
  add('reward', 'tfidfAuc (baseline)', s.reward?.tfidfAuc);
  add('ppo', 'scoreBefore → scoreAfter (RM logit)', s.ppo ? `${fmt(s.ppo.scoreBefore)} → ${fmt(s.ppo.scoreAfter)}` : undefined);
  if (s.ppo && 'oracleFitBefore' in s.ppo) add('ppo', 'oracleFitBefore → After', `${fmt(s.ppo.oracleFitBefore)} → ${fmt(s.ppo.oracleFitAfter)}`);
  add('ppo', 'kl (nats/JD, last steps)', s.ppo?.kl);
  add('ppo', 'steps', s.ppo?.steps);
  add('augment', 'aucBase → aucAugmented (cold start)', s.augment ? `${fmt(s.augment.aucBase)} → ${fmt(s.augment.aucAugmented)}` : undefined);
  add('augment', 'aucBase → aucAugmented (warm)', s.augment ? `${fmt(s.augment.aucBaseWarm)} → ${fmt(s.augment.aucAugmentedWarm)}` : undefined);
  for (const st of STAGES) if (s.stageSeconds[st] !== undefined) add('time', `${st} (s)`, s.stageSeconds[st]);
  add('time', 'total (s)', s.seconds);
  const w0 = Math.max(5, ...rows.map((r) => r[0].length));
  const w1 = Math.max(6, ...rows.map((r) => r[1].length));
  const w2 = Math.max(5, ...rows.map((r) => r[2].length));
  const line = `+${'-'.repeat(w0 + 2)}+${'-'.repeat(w1 + 2)}+${'-'.repeat(w2 + 2)}+`;
  const row = (a: string, b: string, c: string) => `| ${a.padEnd(w0)} | ${b.padEnd(w1)} | ${c.padStart(w2)} |`;
  return [line, row('stage', 'metric', 'value'), line, ...rows.map((r) => row(...r)), line].join('\n');
}
