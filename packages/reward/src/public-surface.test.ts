import { describe, expect, it } from 'vitest';
import * as browser from './browser.js';
import * as api from './index.js';
import * as internal from './internal.js';

const INTERNAL = [
  'LEXICAL_FEATURE_COUNT', 'LEXICAL_SCALE', 'REWARD_TRAINER_STATE_VERSION', 'RM_FORMAT', 'RM_FORMAT_VERSION', 'RM_TEMPLATE_OVERHEAD',
  'accuracy', 'auc', 'collateRm', 'countWords', 'cvLevel', 'encodeRmPair', 'expectedCalibrationError', 'fitTfidf', 'jdLevel',
  'levelForYears', 'lexicalFeatureCount', 'logLoss', 'pairwiseAccuracy', 'pairwiseComparisons', 'poolingWeights', 'rmTemplateIds',
  'sigmoid', 'splitBudget', 'tfidfCosine', 'tfidfFromJSON', 'tfidfTokens',
];

describe('public surface', () => {
  it('the main entry holds the model, trainer, evaluation and building blocks the README documents', () => {
    const documented = [
      'VERSION', 'RewardModel', 'trainRewardModel', 'evaluateRewardModel', 'formatEvaluation', 'DEFAULT_REWARD_CONFIG',
      'resolveRewardConfig', 'REWARD_RENAMED_FIELDS', 'RewardConfigError', 'RewardTrainingDivergedError', 'buildTrainingSet',
      'pointwiseLoss', 'pairwiseLoss', 'negLogSigmoid', 'centeringLoss', 'saveRewardCheckpoint', 'loadRewardCheckpoint',
      'fitLexicalHead', 'lexicalFeatures', 'screenFeatures', 'longerCvScores', 'longerCvWins', 'saveRewardModelHf',
    ];
    for (const name of documented) expect(api, name).toHaveProperty(name);
  });

  it('the browser entry keeps the file-free "longer CV wins" baseline and nothing that loads a model', () => {
    expect(Object.keys(browser).sort()).toEqual(['VERSION', 'longerCvScores', 'longerCvWins']);
  });

  it('encoding, format versions, head constants and the @girl/core re-exports are only in @girl/reward/internal', () => {
    expect(Object.keys(internal).sort()).toEqual(INTERNAL);
    const pub = new Set([...Object.keys(api), ...Object.keys(browser)]);
    for (const name of INTERNAL) expect(pub.has(name), `${name} is internal`).toBe(false);
  });
});
