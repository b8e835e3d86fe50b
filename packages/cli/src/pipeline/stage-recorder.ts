/**
 * A stage's records in the run's `metrics.jsonl`. A stage that continues from a checkpoint first rewinds
 * its records to the checkpoint's step (the steps it repeats are then logged once, none goes missing);
 * the trainers tell that step only by the first record they report, so the rewind happens there.
 */
import type { StageContext } from './context.js';
import type { Progress } from './progress.js';
import type { MetricRecord, StageName } from './run-dir.js';

/** Records one stage's metrics into the run log. */
export class StageRecorder {
  private started = false;

  constructor(
    private readonly ctx: Pick<StageContext, 'run'>,
    private readonly stage: StageName,
    private readonly bar?: Progress,
  ) {}

  /**
   * The stage continues after step `step` (0: from the start; -1: before a step-0 evaluation). Drops the
   * stage's later records and its final ones, and starts the ETA from there. Only the first call counts.
   */
  start(step: number): void {
    if (this.started) return;
    this.started = true;
    this.ctx.run.rewindStage(this.stage, step);
    if (step > 0) this.bar?.resumeFrom(step);
  }

  /** Appends a record (durable before this returns); the first one rewinds to the step before it. */
  record(r: { type: string; step: number; [key: string]: unknown }): void {
    this.start(r.step - 1);
    this.ctx.run.appendMetrics([{ ...r, stage: this.stage, time: new Date().toISOString() } as MetricRecord]);
  }
}
