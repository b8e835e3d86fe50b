/**
 * Learning-rate schedules: pure functions from the 0-based optimizer step to a learning rate.
 * {@link AdamW} calls the schedule with the index of the step it is about to take (0 for the first).
 */

/** A learning-rate schedule: `step` is the 0-based index of the update about to be applied. */
export type LrSchedule = (step: number) => number;

function check(name: string, value: number, what: string, ok: boolean): void {
  if (!ok) throw new RangeError(`${name}: ${what}, got ${value}.`);
}

/**
 * A constant learning rate.
 *
 * @example
 * ```ts
 * const lr = constantLr(3e-4);
 * lr(0); // 3e-4
 * ```
 */
export function constantLr(lr: number): LrSchedule {
  check('constantLr', lr, 'lr must be a finite number >= 0', Number.isFinite(lr) && lr >= 0);
  return () => lr;
}

/** Config for {@link linearWarmup}. */
export interface LinearWarmupConfig {
  /** The learning rate reached at the end of warmup and kept afterwards. Required. */
  peakLr: number;
  /**
   * Steps of linear warmup. Required (0 = none). Step `i < warmupSteps` gets `peakLr * (i + 1) / warmupSteps`,
   * so the first update is small but not zero (a zero-lr step would only waste a batch) and step
   * `warmupSteps - 1` reaches `peakLr`.
   */
  warmupSteps: number;
}

/**
 * Linear warmup to `peakLr`, then constant.
 *
 * @example
 * ```ts
 * const lr = linearWarmup({ peakLr: 1e-3, warmupSteps: 4 });
 * [0, 1, 2, 3, 4].map(lr); // [2.5e-4, 5e-4, 7.5e-4, 1e-3, 1e-3]
 * ```
 */
export function linearWarmup(config: LinearWarmupConfig): LrSchedule {
  const { peakLr, warmupSteps } = config;
  check('linearWarmup', peakLr, 'peakLr must be a finite number >= 0', Number.isFinite(peakLr) && peakLr >= 0);
  check('linearWarmup', warmupSteps, 'warmupSteps must be an integer >= 0', Number.isInteger(warmupSteps) && warmupSteps >= 0);
  return (step) => (step < warmupSteps ? (peakLr * (step + 1)) / warmupSteps : peakLr);
}

/** Config for {@link warmupCosine}. Every field is required except `minLr`. */
export interface WarmupCosineConfig {
  /** Learning rate at the end of warmup, the schedule's maximum. */
  peakLr: number;
  /** Steps of linear warmup from `peakLr / warmupSteps` up to `peakLr` (see {@link linearWarmup}); 0 = none. */
  warmupSteps: number;
  /** The step at which the cosine reaches `minLr`; later steps stay at `minLr`. Must be >= warmupSteps. */
  totalSteps: number;
  /**
   * Floor of the decay. Default `peakLr / 10`, following nanoGPT and the Chinchilla paper: decaying to
   * zero wastes the last steps, decaying to about a tenth works best for small GPTs.
   */
  minLr?: number;
}

/**
 * Linear warmup, then a half cosine from `peakLr` at step `warmupSteps` down to `minLr` at `totalSteps`,
 * then constant `minLr` (the GPT-2/3 recipe).
 *
 * @example
 * ```ts
 * const lr = warmupCosine({ peakLr: 6e-4, warmupSteps: 100, totalSteps: 5000, minLr: 6e-5 });
 * lr(0);    // 6e-6
 * lr(99);   // 6e-4
 * lr(2550); // 3.3e-4 (half way down)
 * lr(5000); // 6e-5
 * ```
 */
export function warmupCosine(config: WarmupCosineConfig): LrSchedule {
  const { peakLr, warmupSteps, totalSteps } = config;
  const minLr = config.minLr ?? peakLr / 10;
  const name = 'warmupCosine';
  check(name, peakLr, 'peakLr must be a finite number >= 0', Number.isFinite(peakLr) && peakLr >= 0);
  check(name, minLr, 'minLr must be a finite number in [0, peakLr]', Number.isFinite(minLr) && minLr >= 0 && minLr <= peakLr);
  check(name, warmupSteps, 'warmupSteps must be an integer >= 0', Number.isInteger(warmupSteps) && warmupSteps >= 0);
  check(
    name,
    totalSteps,
    `totalSteps must be an integer >= warmupSteps (${warmupSteps})`,
    Number.isInteger(totalSteps) && totalSteps >= warmupSteps,
  );
  const decaySteps = totalSteps - warmupSteps;
  return (step) => {
    if (step < warmupSteps) return (peakLr * (step + 1)) / warmupSteps;
    if (step >= totalSteps || decaySteps === 0) return minLr;
    const progress = (step - warmupSteps) / decaySteps; // [0, 1)
    return minLr + 0.5 * (peakLr - minLr) * (1 + Math.cos(Math.PI * progress));
  };
}
