/**
 * @girl/reward — GIRL's recruiter judge: a CV–JD matching model (a GPT backbone from @girl/generator with
 * a scalar head), its training from recruiter feedback (pointwise BCE and pairwise Bradley–Terry, hard
 * and random negatives), metrics (AUC, accuracy, pairwise accuracy, ECE, log-loss), the TF-IDF and
 * "longer CV wins" baselines, and text-in, score-out scoring for PPO.
 * @packageDocumentation
 */
import { version } from '../package.json';

/** This package's version, taken from its package.json when it is built (the bundler inlines it). */
export const VERSION: string = version;

export * from './metrics/index.js';
export * from './baselines/index.js';
export { RM_TEMPLATE_OVERHEAD, collateRm, encodeRmPair, poolingWeights, rmTemplateIds, splitBudget } from './model/encode.js';
export type { RmBatch, RmEncodeOptions, RmExample } from './model/encode.js';
export { RM_FORMAT, RM_FORMAT_VERSION, RewardModel } from './model/reward-model.js';
export { LEXICAL_FEATURES, LEXICAL_FEATURE_COUNT, LEXICAL_SCALE, lexicalFeatureCount, lexicalFeatureNames, lexicalFeatures } from './model/lexical.js';
export type { LexicalKind } from './model/lexical.js';
export { SCREEN_FEATURES, cvLevel, jdLevel, jdTitle, levelForYears, screenFeatures } from './model/screen.js';
export type { CreateRewardModelOptions, RewardHead, RewardFn, RewardFnOptions, RewardModelSettings, ScoreOptions, ScoreReport, ScoreStats, ScoreWarning } from './model/reward-model.js';
export { baselineMetrics, evaluateRewardModel, formatEvaluation, metricsFromScores } from './eval/evaluate.js';
export type { BaselineMetrics, EvalRow, EvaluateOptions, Evaluation, ModelMetrics } from './eval/evaluate.js';
export { DEFAULT_REWARD_CONFIG, REWARD_RENAMED_FIELDS, RewardConfigError, resolveRewardConfig } from './train/config.js';
export type { RewardConfig, RewardObjective, ResolvedRewardConfig } from './train/config.js';
export { buildTrainingSet } from './train/dataset.js';
export type { RewardExample, TrainingSet, TrainingSetOptions } from './train/dataset.js';
export { centeringLoss, negLogSigmoid, pairwiseLoss, pointwiseLoss } from './train/losses.js';
export { REWARD_TRAINER_STATE_VERSION, loadRewardCheckpoint, saveRewardCheckpoint } from './train/checkpoint.js';
export type { LoadedRewardCheckpoint, RewardTrainerState } from './train/checkpoint.js';
export { RewardTrainingDivergedError, trainRewardModel } from './train/trainer.js';
export { fitLexicalHead } from './train/lexical-warm-start.js';
export type { LexicalFit, LexicalFitInput } from './train/lexical-warm-start.js';
export type { RewardEvalEvent, RewardStepEvent, RewardTrainResult, RewardTrainerEvents, TrainRewardInput } from './train/trainer.js';
export { saveRewardModelHf, unexportableParts } from './hf-export.js';
export type { RewardHfExport, RewardHfExportOptions } from './hf-export.js';
