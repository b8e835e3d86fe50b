/**
 * A stage whose loss or gradient norm became NaN/∞: advice the user can follow with this CLI's own
 * fields (the trainers' messages speak of library options), naming whether a checkpoint exists to resume.
 */
import { existsSync } from 'node:fs';
import { DivergenceError } from '@girl/tensor';
import type { GirlConfig } from '../config.js';
import type { RunDir } from './run-dir.js';

/** Thrown by the pipeline when a stage diverged; the message says what to change and how to resume. */
export class StageDivergedError extends Error {
  override name = 'StageDivergedError';
}

/** The advice for a diverged stage, or null when `e` is not a divergence. Pure apart from `hasCheckpoint`. */
export function divergenceAdvice(
  e: unknown,
  stage: 'sft' | 'reward',
  config: GirlConfig,
  runPath: string,
  hasCheckpoint: boolean,
): string | null {
  if (!(e instanceof DivergenceError)) return null; // any trainer's (SFT's TrainingDivergedError, the reward model's, …)
  const lr = config[stage].learningRate;
  const fix = JSON.stringify({ [stage]: { learningRate: Number((lr / 10).toPrecision(3)), maxGradNorm: 0.5 } });
  const from = hasCheckpoint
    ? `It continues from its last checkpoint (${stage}/last), which the failed step left untouched.`
    : `No checkpoint of the ${stage} stage was saved yet, so it starts again from its first step.`;
  return (
    `The ${stage} stage diverged at step ${e.step}: the ${e.what} became ${e.value}. Lower the learning rate and clip gradients harder: ` +
    `write ${fix} to a file, e.g. fix.json, and run  girl pipeline --resume ${runPath} --config fix.json  . ${from}`
  );
}

/** Re-throws a divergence of `stage` with CLI advice (anything else unchanged). */
export function rethrowDivergence(e: unknown, stage: 'sft' | 'reward', config: GirlConfig, run: RunDir): never {
  const last = run.file(stage, 'last');
  const advice = divergenceAdvice(e, stage, config, run.path, existsSync(last) || existsSync(`${last}.girl-new`) || existsSync(`${last}.girl-old`));
  if (advice === null) throw e;
  throw new StageDivergedError(advice, { cause: e });
}
