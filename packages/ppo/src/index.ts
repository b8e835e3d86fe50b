/**
 * @girl/ppo — GIRL's reinforcement-learning stage: PPO that fine-tunes the JD generator against any
 * reward function of text, held near the SFT model by a per-token KL penalty.
 *
 * This entry is the public API: the trainer, its config and checkpoints, and the documented building
 * blocks for composing a PPO loop of your own. Implementation helpers live in `@girl/ppo/internal`,
 * outside the semver promise.
 * @packageDocumentation
 */
import { version } from '../package.json';

/** This package's version, taken from its package.json when it is built (the bundler inlines it). */
export const VERSION: string = version;

export { PpoTrainer, copyModel } from './trainer.js';
export type { PpoEvents, PpoTokenizer, PpoTrainerInput, PpoTrainerState, RewardFn, RolloutSample } from './trainer.js';
export { DEFAULT_PPO_CONFIG, PPO_RENAMED_FIELDS, PpoConfigError, resolvePpoConfig, upgradePpoConfig } from './config.js';
export type { PpoConfig, PpoConfigInput } from './config.js';
export type { PpoMetrics } from './metrics.js';
export { PPO_CHECKPOINT_FORMAT, PPO_CHECKPOINT_VERSION, loadPpoCheckpoint, resumePpo, savePpoCheckpoint } from './checkpoint.js';
export type { LoadedPpoCheckpoint, PpoCheckpointState } from './checkpoint.js';
export { ValueHead } from './value-head.js';
export { ppoLoss } from './ppo-loss.js';
export type { PpoLossInput, PpoLossOutput } from './ppo-loss.js';
export { gae, gaeBatch } from './gae.js';
export { baselineAdvantages, rlooAdvantages } from './rloo.js';
export type { GaeResult } from './gae.js';
export { whiten } from './whiten.js';
export { klK1, klK3, klPerToken } from './kl.js';
export type { KlEstimator } from './kl.js';
export { AdaptiveKLController, FixedKLController } from './kl-controller.js';
export type { KLController, KLControllerState } from './kl-controller.js';
export { RunningMoments } from './running-moments.js';
export type { RunningMomentsState } from './running-moments.js';
export { assembleRewards, processScores } from './rewards.js';
export type { AssembledRewards, ScoreOptions } from './rewards.js';
export { buildSequences, responseMask } from './sequences.js';
export type { PaddedBatch } from './sequences.js';
export { responseLogprobs, responseLogprobsAsync } from './response-log-probs.js';
