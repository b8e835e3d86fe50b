import { describe, expect, it } from 'vitest';
import * as api from './index.js';
import * as internal from './internal.js';

const INTERNAL = [
  'CHECKPOINT_VERSION', 'MAX_SAFETENSORS_HEADER_BYTES', 'Rng', 'SAFETENSORS_DTYPES', 'causalMask', 'checkpointOfSpare', 'f16BitsToF32', 'f32ToF16Bits',
  'mergeHeads', 'splitHeads', 'writeFileAtomic', 'writeJsonAtomic',
];

describe('public surface', () => {
  it('the main entry holds the backends, fast ops, RL helpers, training utilities and files the README documents', () => {
    const documented = [
      'tf', 'initBackend', 'activeBackend', 'matmul', 'linear', 'linearSplit', 'embedding', 'causalSelfAttention', 'cachedAttention',
      'openFusedDecoder', 'layerNorm', 'gelu', 'crossEntropy', 'softmax', 'logSoftmax', 'logProbOfLabels', 'entropyFromLogits',
      'maskedMean', 'maskedVar', 'maskedWhiten', 'AdamW', 'warmupCosine', 'clipGradNorm', 'GradAccumulator', 'runTrainingLoop',
      'applyGradients', 'clipGradients', 'randomNormalTensor', 'randomUniformTensor', 'encodeSafetensors', 'decodeSafetensors',
      'float32ToFloat16', 'float16ToFloat32', 'saveSafetensors', 'loadSafetensors', 'safetensorsEntriesToTensors', 'saveCheckpoint',
      'loadCheckpoint', 'findCheckpoint', 'JsonlLog', 'DivergenceError', 'DEFAULT_TRAINING_SEED',
    ];
    for (const name of documented) expect(api, name).toHaveProperty(name);
  });

  it("attention's helpers, the half-float bit codecs, format constants and the @girl/core re-exports are only in @girl/tensor/internal", () => {
    expect(Object.keys(internal).sort()).toEqual(INTERNAL);
    const pub = new Set(Object.keys(api));
    for (const name of INTERNAL) expect(pub.has(name), `${name} is internal`).toBe(false);
  });
});
