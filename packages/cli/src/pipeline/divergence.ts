/**
 * A stage whose loss or gradient norm became NaN/∞: advice the user can follow with this CLI's own
 * fields (the trainers' messages speak of library options), naming whether a checkpoint exists to resume.
 */
import { DivergenceError, findCheckpoint } from '@girl/tensor';
import type { GirlConfig } from '../config.js';
import type { RunDir } from './run-dir.js';

/** Thrown by the pipeline when a stage diverged; the message says what to change and how to resume. */
export class StageDivergedError extends Error {
  override name = 'StageDivergedError';
}

/** The stages that train with gradients, and where each keeps the checkpoint a resume starts from. */
export type DivergingStage = 'sft' | 'reward' | 'ppo';
const CHECKPOINT: Record<DivergingStage, string> = { sft: 'sft/last', reward: 'reward/last', ppo: 'ppo/ckpt' };

/** The advice for a diverged stage, or null when `e` is not a divergence. Pure apart from `hasCheckpoint`. */
export function divergenceAdvice(
  e: unknown,
  stage: DivergingStage,
  config: GirlConfig,
  runPath: string,
  hasCheckpoint: boolean,
): string | null {
  if (!(e instanceof DivergenceError)) return null; // any trainer's (SFT's TrainingDivergedError, the reward model's, …)
  const lr = config[stage].learningRate;
  const fix = JSON.stringify({ [stage]: { learningRate: Number((lr / 10).toPrecision(3)), maxGradNorm: 0.5 } });
  const from = hasCheckpoint
    ? `It continues from its last checkpoint (${CHECKPOINT[stage]}), which the failed step left untouched.`
    : `No checkpoint of the ${stage} stage was saved yet, so it starts again from its first step.`;
  return (
    `The ${stage} stage diverged at step ${e.step}: the ${e.what} became ${e.value}. Lower the learning rate and clip gradients harder: ` +
    `write ${fix} to a file, e.g. fix.json, and run  girl pipeline --resume ${runPath} --config fix.json  . ${from}`
  );
}

/**
 * Re-throws a divergence of `stage` with CLI advice (anything else unchanged). Whether a checkpoint exists
 * is @girl/tensor's `findCheckpoint` answer (a save interrupted between its renames still counts).
 */
export async function rethrowDivergence(e: unknown, stage: DivergingStage, config: GirlConfig, run: RunDir): Promise<never> {
  if (!(e instanceof DivergenceError)) throw e;
  const [folder, name] = CHECKPOINT[stage].split('/') as [string, string];
  const advice = divergenceAdvice(e, stage, config, run.path, (await findCheckpoint(run.file(folder, name))) !== null);
  throw new StageDivergedError(advice as string, { cause: e });
}
