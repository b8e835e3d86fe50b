/**
 * What every stage receives: the config, the run folder, the data, the interrupt signal, and the CLI's
 * output (log lines, progress bars, metrics records).
 */
import type { GirlConfig } from '../config.js';
import type { PipelineData } from '../data-input.js';
import { createProgress } from './progress.js';
import type { Progress } from './progress.js';
import type { RunDir } from './run-dir.js';

/** Shared by the stages of one run. */
export interface StageContext {
  config: GirlConfig;
  run: RunDir;
  data: PipelineData;
  /** Aborts on Ctrl-C / SIGTERM. */
  signal: AbortSignal;
  /** Continue a stage from its checkpoint where one exists. */
  resume: boolean;
  /** Seconds the current stage ran in earlier sessions of this run (its budget and ETA account for them). */
  spentBefore: number;
  /** One line of human output (stderr). */
  log(line: string): void;
  /** A progress bar for this stage. */
  progress(label: string, total: number): Progress;
  /** Quiet mode (tests): no progress bars. */
  quiet: boolean;
}

/** Builds a {@link StageContext}'s output functions. */
export function consoleOutput(quiet: boolean): Pick<StageContext, 'log' | 'progress' | 'quiet'> {
  return {
    quiet,
    log: (line) => process.stderr.write(`${line}\n`),
    progress: (label, total) => createProgress(label, total, { silent: quiet }),
  };
}

/** Mean of numbers (0 for none). */
export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Rounds for summaries and tables. */
export function round(x: number | null | undefined, digits = 4): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
