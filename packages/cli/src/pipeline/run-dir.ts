/**
 * A run folder: `runs/<id>/` with the resolved config, the state of every stage (what is done, with its
 * results), the metrics of every stage as JSONL, checkpoints, summary.json and report.html. Every file is
 * written atomically (@girl/tensor's writeJsonAtomic), so an interrupted run leaves a readable folder; a
 * run writes only inside its folder, and one process at a time holds it (`run.lock`).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { writeJsonAtomic } from '@girl/core/node';
import { JsonlLog } from '@girl/tensor';
import type { GirlConfig } from '../config.js';
import { upgradeRunConfig } from '../config-trainers.js';
import { acquireRunLock } from './run-lock.js';
import { makeDirs } from './make-dirs.js';
import { sweepLeftovers } from './sweep.js';
import type { RunLock } from './run-lock.js';

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
  /** Sessions that worked on the run: 1 for an uninterrupted run, +1 per resume. */
  sessions?: number;
  /** Seconds spent so far on each stage not done yet, over all sessions (budgets and ETAs start from it). */
  stageSpent?: Partial<Record<StageName, number>>;
}

/** One line of `metrics.jsonl`. */
export interface MetricRecord {
  stage: StageName;
  type: string;
  step: number;
  time: string;
  [key: string]: unknown;
}

/** Thrown for a run folder that cannot be made or used; the message names the folder or flag and the fix. */
export class RunDirError extends Error {
  override name = 'RunDirError';
}

/**
 * Checks a run id (`--run-id`): one folder name of letters, digits, `.`, `_`, `-`, not starting with `.`
 * (so never `.` or `..`) and with no separator, so the run can only land directly inside `--out`.
 * @throws RunDirError naming `--run-id` and the fix.
 */
export function validateRunId(id: string): string {
  if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/.test(id)) {
    throw new RunDirError(
      `--run-id '${id}' is not a plain folder name. Use letters, digits, '.', '_' and '-' (at most 128, not starting with '.'), e.g. --run-id exp-1; ` +
        'the run is created inside --out, never elsewhere.',
    );
  }
  return id;
}

/** A clear message for a file-system error on `--out` or a run folder. */
export function describeFsError(e: unknown, what: string, fix: string): RunDirError {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOTDIR' ? 'a part of the path is a file, not a folder'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'EROFS' ? 'the file system is read-only'
    : code === 'ENOENT' ? 'folders cannot be created there (a special or missing file system)'
    : code === 'ENOSPC' ? 'the disk is full'
    : (e as Error).message;
  return new RunDirError(`${what}: ${why}${code ? ` (${code})` : ''}. ${fix}`, { cause: e });
}

/** An open run folder, locked by this process until {@link RunDir.close}. */
export class RunDir {
  private log: JsonlLog | null = null;
  private lock: RunLock | null = null;

  constructor(
    readonly path: string,
    public state: RunState,
  ) {}

  /** A path inside the run. */
  file(...parts: string[]): string {
    return join(this.path, ...parts);
  }

  /**
   * Creates `<out>/<id>/` fresh (id: a timestamp unless given) and locks it before writing anything.
   * @throws RunDirError when the id is not a plain folder name, or the folder exists (a run: resume it;
   * anything else: choose another id), or `out` cannot be written.
   */
  static async create(out: string, id: string | null, config: GirlConfig, notice: (line: string) => void = () => {}): Promise<RunDir> {
    const runId = validateRunId(id ?? new Date().toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19));
    const root = resolve(out);
    const path = join(root, runId);
    if (dirname(path) !== root) throw new RunDirError(`--run-id '${runId}' would leave --out '${root}'; use a plain folder name.`);
    try {
      await makeDirs(root);
    } catch (e) {
      throw describeFsError(e, `Cannot use --out '${out}'`, 'Pass --out a folder you can write to (default: runs).');
    }
    try {
      await mkdir(path); // not recursive: the run's own folder must be new
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw describeFsError(e, `Cannot create the run folder '${path}'`, 'Pass --out a folder you can write to.');
      if (existsSync(join(path, 'run-state.json'))) {
        throw new RunDirError(`Run folder '${path}' exists already. Continue it with --resume ${path}, or choose another --run-id.`);
      }
      throw new RunDirError(`'${path}' exists and is not a GIRL run (no run-state.json); nothing was written into it. Choose another --run-id or --out.`);
    }
    const state: RunState = { format: 'girl-run', version: 1, id: runId, createdAt: new Date().toISOString(), backend: null, stages: {}, seconds: 0, stageSpent: {}, sessions: 1 };
    const dir = new RunDir(path, state);
    dir.lock = await acquireRunLock(path, notice);
    await writeJsonAtomic(dir.file('config.json'), config);
    await dir.saveState();
    dir.log = await JsonlLog.open(dir.file('metrics.jsonl'), { durable: true });
    return dir;
  }

  /**
   * Opens and locks an existing run for `--resume`.
   * @throws RunDirError naming the folder when it is not a run; RunLockedError when another process has it.
   */
  static async open(path: string, notice: (line: string) => void = () => {}): Promise<{ dir: RunDir; config: GirlConfig }> {
    const abs = resolve(path);
    if (!existsSync(join(abs, 'run-state.json'))) {
      throw new RunDirError(`Cannot resume '${abs}': it holds no run-state.json. Pass a run folder made by 'girl pipeline' (--resume runs/<id>).`);
    }
    const lock = await acquireRunLock(abs, notice);
    try {
      let state: RunState;
      let config: GirlConfig;
      try {
        state = JSON.parse(await readFile(join(abs, 'run-state.json'), 'utf8')) as RunState;
        // a run saved before #14 renamed sft/reward/ppo fields reads in today's names
        config = upgradeRunConfig(JSON.parse(await readFile(join(abs, 'config.json'), 'utf8')) as GirlConfig);
      } catch (e) {
        throw new RunDirError(`Cannot resume '${abs}': ${(e as Error).message}. Pass a run folder made by 'girl pipeline' (it holds run-state.json and config.json).`);
      }
      if (state.format !== 'girl-run' || state.version !== 1) throw new RunDirError(`Cannot resume '${abs}': run-state.json is not a version-1 GIRL run.`);
      state.stageSpent ??= {};
      state.sessions = (state.sessions ?? 1) + 1;
      for (const path of await sweepLeftovers(abs)) notice(`note: removed '${path}', left by an interrupted session.`);
      const dir = new RunDir(abs, state);
      dir.lock = lock;
      dir.log = await JsonlLog.open(dir.file('metrics.jsonl'), { keep: () => true, durable: true });
      return { dir, config };
    } catch (e) {
      await lock.release();
      throw e;
    }
  }

  private saving: Promise<void> = Promise.resolve();

  /** Writes `run-state.json` atomically; saves run one after another, so the last call's state wins. */
  saveState(): Promise<void> {
    const next = this.saving.catch(() => undefined).then(() => writeJsonAtomic(this.file('run-state.json'), this.state));
    this.saving = next;
    return next;
  }

  /** Marks a stage done with its result and the seconds it took over all sessions. */
  async completeStage(stage: StageName, seconds: number, result: Record<string, unknown>): Promise<void> {
    this.state.stages[stage] = { status: 'done', seconds, result };
    delete this.state.stageSpent?.[stage];
    await this.saveState();
  }

  /**
   * Appends records to `metrics.jsonl`: written and flushed to the disk before this returns, so they are
   * durable before any checkpoint the stage saves next.
   */
  appendMetrics(records: MetricRecord[]): void {
    if (!this.log) throw new RunDirError(`The run '${this.path}' is closed; metrics cannot be appended.`);
    for (const r of records) this.log.append(r as unknown as Record<string, unknown>);
  }

  /**
   * Rewinds `metrics.jsonl` for a stage that continues from its checkpoint at `step`: that stage's records
   * past the step, and its final records, are dropped, so the steps it repeats are logged once.
   */
  rewindStage(stage: StageName, step: number): void {
    this.log?.rewind((r) => keepOnRewind(r, stage, step));
  }

  /** Writes a JSON artefact atomically. */
  async writeJson(name: string, value: unknown): Promise<void> {
    await writeJsonAtomic(this.file(name), value);
  }

  /** Closes the metrics log and releases the lock (idempotent). */
  async close(): Promise<void> {
    await this.log?.close();
    this.log = null;
    await this.lock?.release();
    this.lock = null;
  }
}

/** Whether a `metrics.jsonl` record stays when `stage` is rewound to `step`. */
export function keepOnRewind(r: Record<string, unknown>, stage: StageName, step: number): boolean {
  if (r.stage !== stage) return true;
  return typeof r.step === 'number' && r.step <= step && r.final !== true;
}

/** The key that identifies one record of `metrics.jsonl` (a stage's final evaluation is its own). */
export function metricKey(r: MetricRecord): string {
  return `${r.stage}/${r.type}/${r.step}${r.final === true ? '/final' : ''}`;
}

/**
 * Reads `metrics.jsonl`. Each step is logged once (the log is rewound on resume); should a file from an
 * older version hold a step twice, the last record of each (stage, type, step) wins. A torn line is skipped.
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
      byKey.delete(metricKey(r));
      byKey.set(metricKey(r), r);
    } catch {
      // torn line from a killed process
    }
  }
  return [...byKey.values()];
}

