/**
 * The one error every GIRL trainer throws when training diverges (a loss or gradient norm that is NaN or
 * ±Infinity): it names the stage, the step, what diverged and its value, where the last good checkpoint is,
 * and what to change. The SFT and reward-model trainers throw subclasses of it (their historical names),
 * so `e instanceof DivergenceError` catches any of them.
 */

/** What diverged, where, and the advice the message carries. */
export interface DivergenceDetails {
  /** The training stage, for the message and for callers (`'sft'`, `'reward'`, `'ppo'`, …). */
  stage: string;
  /** The optimizer step (1-based) whose loss or gradient diverged. */
  step: number;
  what: 'loss' | 'gradient norm';
  /** The offending value (NaN or ±Infinity). */
  value: number;
  /** The checkpoint folder, when the trainer writes one; its `last` checkpoint is left untouched. */
  checkpointDir?: string | undefined;
  /** What to change, in the stage's config names, e.g. 'a lower lr or stronger gradClip'. */
  advice: { resume: string; fresh: string };
  /** The message's opening words. Default: `'<stage> diverged'`. */
  label?: string;
}

/**
 * @example
 * ```ts
 * try { await train(); } catch (e) {
 *   if (e instanceof DivergenceError) console.error(e.stage, e.step, e.what, e.value);
 * }
 * ```
 */
export class DivergenceError extends Error {
  override name = 'DivergenceError';
  readonly stage: string;
  readonly step: number;
  readonly what: 'loss' | 'gradient norm';
  readonly value: number;
  readonly checkpointDir: string | undefined;

  constructor(d: DivergenceDetails) {
    super(
      `${d.label ?? `${d.stage} diverged`} at step ${d.step}: the ${d.what} is ${d.value}. ` +
        (d.checkpointDir ? `The last checkpoint in '${d.checkpointDir}/last' was left untouched; resume from it with ${d.advice.resume}.` : d.advice.fresh),
    );
    this.stage = d.stage;
    this.step = d.step;
    this.what = d.what;
    this.value = d.value;
    this.checkpointDir = d.checkpointDir;
  }
}
