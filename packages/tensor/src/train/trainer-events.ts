/**
 * The callbacks every GIRL trainer (SFT, reward model) offers, typed by what its steps and evaluations
 * report: one shape, so code that watches one trainer watches the others.
 */

/** Passed to `onCheckpoint` after a checkpoint folder is complete on disk. */
export interface CheckpointEvent {
  /** Optimizer steps the checkpoint covers. */
  step: number;
  /** The checkpoint folder. */
  dir: string;
  /** `'last'`: the resumable one; `'best'`: the best evaluation so far. */
  kind: 'last' | 'best';
}

/**
 * A trainer's callbacks: after each optimizer step, after each evaluation, after each checkpoint.
 *
 * @example
 * ```ts
 * const events: TrainerEvents<{ step: number; loss: number }, { step: number; best: boolean }> = {
 *   onStep: (e) => console.log(e.step, e.loss),
 *   onCheckpoint: (e) => console.log(`saved ${e.kind} at step ${e.step} in ${e.dir}`),
 * };
 * ```
 */
export interface TrainerEvents<Step, Eval> {
  onStep?: (e: Step) => void;
  onEval?: (e: Eval) => void;
  onCheckpoint?: (e: CheckpointEvent) => void;
}
