import { describe, expect, it } from 'vitest';
import * as browser from './browser.js';
import * as api from './index.js';
import * as internal from './internal.js';

const INTERNAL = [
  'CAUSAL_LM_ARCHITECTURES', 'CHECKSUMS_FILE', 'LLAMA_CAUSAL_LM_CLASSES', 'MODEL_FORMAT', 'MODEL_FORMAT_VERSION', 'ROPE_SCALING_TYPES',
  'SFT_STATE_VERSION', 'applyRope', 'configFromJson', 'hfConfigJson', 'hfStateDict', 'hfWeights', 'lcsLength', 'llamaConfigFromHf',
  'llamaHfConfigJson', 'llamaParameterShapes', 'modelConfigFromJson', 'modelConfigJson', 'modelParameterShapes', 'parameterShapes',
  'parseChecksums', 'positionsFromMask', 'ropeInverseFrequencies', 'ropeScalingFromJson', 'ropeTables', 'rougeTokens', 'sha256HexWeb',
  'templateIds', 'tokenEmbeddingOf',
];

describe('public surface', () => {
  it('the main entry holds the models, generation, SFT, model folders and metrics the README documents', () => {
    const documented = [
      'VERSION', 'GPT', 'Llama', 'PRESETS', 'resolveGptConfig', 'GptConfigError', 'KVCache', 'generate', 'generateJd', 'generateStream',
      'decodeSteps', 'applyRepetitionPenalty', 'applyTemperature', 'topKFilter', 'topPFilter', 'softmax', 'logProbOf', 'argmax',
      'sampleFromLogits', 'processLogits', 'sftPrompt', 'encodeSftExample', 'trainSft', 'DEFAULT_SFT_CONFIG', 'resolveSftConfig',
      'SFT_RENAMED_FIELDS', 'TrainingDivergedError', 'collate', 'lengthGroupedBatches', 'loadSftCheckpoint', 'loadModelFromCheckpoint',
      'saveModel', 'loadModel', 'loadHfModel', 'saveHfModel', 'loadBaseModel', 'modelFromFiles', 'verifyChecksumBytes', 'rougeL',
      'unigramCrossEntropy', 'cloneModel', 'isLlamaConfig',
    ];
    for (const name of documented) expect(api, name).toHaveProperty(name);
  });

  it('the browser entry keeps models, generation and modelFromFiles, and leaves out what touches files', () => {
    for (const name of ['VERSION', 'GPT', 'Llama', 'generate', 'generateStream', 'decodeSteps', 'sftPrompt', 'modelFromFiles', 'verifyChecksumBytes']) {
      expect(browser, name).toHaveProperty(name);
    }
    for (const name of ['saveModel', 'loadModel', 'trainSft', 'loadSftCheckpoint']) expect(browser, name).not.toHaveProperty(name);
  });

  it('shape tables, RoPE kernels, config.json conversions, weight maps and format names are only in @girl/generator/internal', () => {
    expect(Object.keys(internal).sort()).toEqual(INTERNAL);
    const pub = new Set([...Object.keys(api), ...Object.keys(browser)]);
    for (const name of INTERNAL) expect(pub.has(name), `${name} is internal`).toBe(false);
  });
});
