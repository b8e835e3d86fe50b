/**
 * Ctrl-C / SIGTERM handling: the first signal asks the running stage to stop after its current step (it
 * keeps its last checkpoint); a second one exits at once. Checkpoints are written atomically, so even a
 * killed process leaves the last complete one.
 */

/** Thrown by a stage that stopped because of an interrupt. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  constructor(readonly stage: string) {
    super(`Interrupted during the ${stage} stage; its last checkpoint is kept.`);
  }
}

/** What {@link watchInterrupts} returns. */
export interface InterruptWatch {
  /** Aborts on the first SIGINT / SIGTERM. */
  readonly signal: AbortSignal;
  /** Removes the handlers. */
  dispose(): void;
}

/**
 * Installs SIGINT/SIGTERM handlers for the duration of a run.
 *
 * @example
 * ```ts
 * const watch = watchInterrupts((s) => console.error(`${s}: stopping after the current step…`));
 * try { await run(watch.signal); } finally { watch.dispose(); }
 * ```
 */
export function watchInterrupts(onFirst: (signal: NodeJS.Signals) => void): InterruptWatch {
  const controller = new AbortController();
  const handler = (sig: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      process.stderr.write(`\n${sig} again: exiting now (the last checkpoint on disk is intact).\n`);
      process.exit(130);
    }
    onFirst(sig);
    controller.abort(new Error(sig));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

/** A signal that aborts on `parent` or after `seconds` (null: never), and tells which happened. */
export function budgetSignal(parent: AbortSignal, seconds: number | null): { signal: AbortSignal; overBudget: () => boolean; dispose: () => void } {
  const controller = new AbortController();
  let over = false;
  const onParent = () => controller.abort(parent.reason);
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', onParent, { once: true });
  const timer =
    seconds === null
      ? null
      : setTimeout(() => {
          over = true;
          controller.abort(new Error('budget'));
        }, seconds * 1000);
  timer?.unref();
  return {
    signal: controller.signal,
    overBudget: () => over && !parent.aborted,
    dispose() {
      if (timer) clearTimeout(timer);
      parent.removeEventListener('abort', onParent);
    },
  };
}

/**
 * What is left of a stage's budget after `spent` seconds in earlier sessions (null: no budget). Never
 * negative: a spent budget stops the resumed stage at once, with its checkpoint kept.
 */
export function remainingBudget(budgetSeconds: number | null, spent: number): number | null {
  return budgetSeconds === null ? null : Math.max(0, budgetSeconds - spent);
}
