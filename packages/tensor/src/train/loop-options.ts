/**
 * The settings every trainer config shares with the training loop, under the one vocabulary of #14: a
 * resolved SFT or reward-model config passes them as they are, and adds only what is the task's own
 * (its warmup rule, whether a larger metric is better, how the logged loss is averaged, events, abort).
 */
import type { TrainingLoopOptions } from './training-task.js';

const SHARED = [
  'seed', 'maxSteps', 'numTrainEpochs', 'gradientAccumulationSteps', 'learningRate', 'minLr', 'adamBeta1', 'adamBeta2', 'weightDecay',
  'maxGradNorm', 'evalSteps', 'saveSteps', 'earlyStoppingPatience', 'earlyStoppingThreshold', 'checkpointDir', 'resume', 'metricsFile',
] as const;

/** The part of {@link TrainingLoopOptions} a resolved trainer config holds under the same names. */
export type SharedLoopConfig = Pick<TrainingLoopOptions<object, object>, (typeof SHARED)[number]>;

/**
 * The loop's options: the shared fields picked from `config` (other fields of it are ignored), then the
 * task's own settings.
 *
 * @example
 * ```ts
 * const options = loopOptions(resolvedConfig, { warmupSteps: (total) => Math.floor(total * 0.05), greaterIsBetter: false, lossMean: 'weighted' });
 * await runTrainingLoop(task, options);
 * ```
 */
export function loopOptions<StepEvent, EvalEvent>(
  config: SharedLoopConfig,
  own: Omit<TrainingLoopOptions<StepEvent, EvalEvent>, keyof SharedLoopConfig>,
): TrainingLoopOptions<StepEvent, EvalEvent> {
  const picked = Object.fromEntries(SHARED.map((k) => [k, config[k]])) as SharedLoopConfig;
  return { ...picked, ...own };
}
