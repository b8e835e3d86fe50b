/**
 * @girl/reward — GIRL's recruiter judge: a CV–JD matching model (a GPT backbone from @girl/generator with
 * a scalar head), its training from recruiter feedback (pointwise BCE and pairwise Bradley–Terry, hard
 * and random negatives), metrics (AUC, accuracy, pairwise accuracy, ECE, log-loss), the TF-IDF and
 * "longer CV wins" baselines, and text-in, score-out scoring for PPO.
 *
 * This entry is the public API. The metrics and TF-IDF are @girl/core's (import them from there); the
 * pair encoding, format versions, the wide head's scale and the screen's parsing helpers live in
 * `@girl/reward/internal`, outside the semver promise, with the old re-exports of @girl/core's names.
 * @packageDocumentation
 */
import { version } from '../package.json';

/** This package's version, taken from its package.json when it is built (the bundler inlines it). */
export const VERSION: string = version;

export { longerCvScores, longerCvWins } from './baselines/length.js';
export type { RmBatch, RmEncodeOptions, RmExample } from './model/encode.js';
export { RewardModel } from './model/reward-model.js';
export { LEXICAL_FEATURES, lexicalFeatureNames, lexicalFeatures } from './model/lexical.js';
export type { LexicalKind } from './model/lexical.js';
export { SCREEN_FEATURES, jdTitle, screenFeatures } from './model/screen.js';
export type { CreateRewardModelOptions, RewardHead, RewardFn, RewardFnOptions, RewardModelSettings, ScoreOptions, ScoreReport, ScoreStats, ScoreWarning } from './model/reward-model.js';
export { baselineMetrics, evaluateRewardModel, formatEvaluation, metricsFromScores } from './eval/evaluate.js';
export type { BaselineMetrics, EvalRow, EvaluateOptions, Evaluation, ModelMetrics } from './eval/evaluate.js';
export { DEFAULT_REWARD_CONFIG, REWARD_RENAMED_FIELDS, RewardConfigError, resolveRewardConfig } from './train/config.js';
export type { RewardConfig, RewardObjective, ResolvedRewardConfig } from './train/config.js';
export { buildTrainingSet } from './train/dataset.js';
export type { RewardExample, TrainingSet, TrainingSetOptions } from './train/dataset.js';
export { centeringLoss, negLogSigmoid, pairwiseLoss, pointwiseLoss } from './train/losses.js';
export { loadRewardCheckpoint, saveRewardCheckpoint } from './train/checkpoint.js';
export type { LoadedRewardCheckpoint, RewardTrainerState } from './train/checkpoint.js';
export { RewardTrainingDivergedError, trainRewardModel } from './train/trainer.js';
export { fitLexicalHead } from './train/lexical-warm-start.js';
export type { LexicalFit, LexicalFitInput } from './train/lexical-warm-start.js';
export type { RewardEvalEvent, RewardStepEvent, RewardTrainResult, RewardTrainerEvents, TrainRewardInput } from './train/trainer.js';
export { saveRewardModelHf, unexportableParts } from './hf-export.js';
export type { RewardHfExport, RewardHfExportOptions } from './hf-export.js';
