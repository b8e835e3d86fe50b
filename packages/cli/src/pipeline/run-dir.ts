/**
 * A run folder: `runs/<id>/` with the resolved config, the state of every stage (what is done, with its
 * results), the metrics of every stage as JSONL, checkpoints, summary.json and report.html. Every file is
 * written atomically (@girl/tensor's writeJsonAtomic), so an interrupted run leaves a readable folder.
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeJsonAtomic } from '@girl/tensor';
import type { GirlConfig } from '../config.js';

/** Stages in pipeline order. */
export const STAGES = ['tokenizer', 'sft', 'reward', 'ppo', 'augment'] as const;
export type StageName = (typeof STAGES)[number];

/** `run-state.json`: which stages are done, with their results. */
export interface RunState {
  format: 'girl-run';
  version: 1;
  id: string;
  createdAt: string;
  /** Backend the last session ran on. */
  backend: string | null;
  stages: Partial<Record<StageName, { status: 'done'; seconds: number; result: Record<string, unknown> }>>;
  /** Seconds of every session so far (a resumed run adds up). */
  seconds: number;
}

/** One line of `metrics.jsonl`. */
export interface MetricRecord {
  stage: StageName;
  type: string;
  step: number;
  time: string;
  [key: string]: unknown;
}

/** An open run folder. */
export class RunDir {
  constructor(
    readonly path: string,
    public state: RunState,
  ) {}

  /** A path inside the run. */
  file(...parts: string[]): string {
    return join(this.path, ...parts);
  }

  /** Creates `<out>/<id>/` (id: a timestamp unless given). @throws when it exists already. */
  static async create(out: string, id: string | null, config: GirlConfig): Promise<RunDir> {
    const runId = id ?? new Date().toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19);
    const path = resolve(out, runId);
    if (existsSync(join(path, 'run-state.json'))) {
      throw new Error(`Run folder '${path}' exists already. Continue it with --resume ${path}, or choose another --run-id.`);
    }
    await mkdir(path, { recursive: true });
    const state: RunState = { format: 'girl-run', version: 1, id: runId, createdAt: new Date().toISOString(), backend: null, stages: {}, seconds: 0 };
    const dir = new RunDir(path, state);
    await writeJsonAtomic(dir.file('config.json'), config);
    await dir.saveState();
    return dir;
  }

  /** Opens an existing run for `--resume`. @throws naming the folder when it is not a run. */
  static async open(path: string): Promise<{ dir: RunDir; config: GirlConfig }> {
    const abs = resolve(path);
    let state: RunState;
    let config: GirlConfig;
    try {
      state = JSON.parse(await readFile(join(abs, 'run-state.json'), 'utf8')) as RunState;
      config = JSON.parse(await readFile(join(abs, 'config.json'), 'utf8')) as GirlConfig;
    } catch (e) {
      throw new Error(`Cannot resume '${abs}': ${(e as Error).message}. Pass a run folder made by 'girl pipeline' (it holds run-state.json and config.json).`);
    }
    if (state.format !== 'girl-run' || state.version !== 1) throw new Error(`Cannot resume '${abs}': run-state.json is not a version-1 GIRL run.`);
    return { dir: new RunDir(abs, state), config };
  }

  /** Writes `run-state.json` atomically. */
  async saveState(): Promise<void> {
    await writeJsonAtomic(this.file('run-state.json'), this.state);
  }

  /** Marks a stage done with its result. */
  async completeStage(stage: StageName, seconds: number, result: Record<string, unknown>): Promise<void> {
    this.state.stages[stage] = { status: 'done', seconds, result };
    await this.saveState();
  }

  /** Appends records to `metrics.jsonl` (one write per call, whole lines). */
  async appendMetrics(records: MetricRecord[]): Promise<void> {
    if (records.length === 0) return;
    await appendFile(this.file('metrics.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  }

  /** Writes a JSON artefact atomically. */
  async writeJson(name: string, value: unknown): Promise<void> {
    await writeJsonAtomic(this.file(name), value);
  }
}

/**
 * Reads `metrics.jsonl`; a resumed stage may have logged a step twice, so the last record of each
 * (stage, type, step) wins. A torn last line (a killed process) is skipped.
 */
export async function readMetrics(path: string): Promise<MetricRecord[]> {
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return [];
  }
  const byKey = new Map<string, MetricRecord>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as MetricRecord;
      byKey.delete(`${r.stage}/${r.type}/${r.step}`);
      byKey.set(`${r.stage}/${r.type}/${r.step}`, r);
    } catch {
      // torn line from a killed process
    }
  }
  return [...byKey.values()];
}

