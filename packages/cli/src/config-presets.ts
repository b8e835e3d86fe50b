/**
 * The presets' defaults: every field of the pipeline config for `micro` (tests, seconds), `tiny` (the demo,
 * minutes on 2 CPU cores), `small` and `base`. The schema and the merging of user configs live in config.ts.
 */
import { DEFAULT_SFT_CONFIG, PRESETS } from '@girl/generator';
import { DEFAULT_REWARD_CONFIG } from '@girl/reward';
import { ppoDefaults } from './config-ppo.js';
import type { GirlConfig, PresetName } from './config.js';

/** The model shapes: @girl/generator's presets, and a `micro` one for tests. */
const shape = ({ contextLength, dModel, nLayer, nHead, dropout }: GirlConfig['model']) => ({ contextLength, dModel, nLayer, nHead, dropout });
const MODEL = {
  micro: { contextLength: 256, dModel: 32, nLayer: 1, nHead: 2, dropout: 0 },
  tiny: shape(PRESETS.tiny),
  small: shape(PRESETS.small),
  base: shape(PRESETS.base),
} satisfies Record<PresetName, GirlConfig['model']>;

/** Hard-negative mix the reward model trains on (@girl/reward's README: the 0.986 AUC run). */
const MINED_MIX = { positive: 0.35, hardNegative: 0.55, randomNegative: 0.1 };
/** Reward steps of the demo: the screen wide head is fitted before step 1; 30 steps keep the demo under 10 minutes (586.5 s on 2 quiet cores, 2026-11-30). */
const TINY_REWARD_STEPS = 30;

/**
 * Defaults of every preset. `tiny` is the demo's: measured to finish the whole pipeline in under 10
 * minutes on a 2-core machine (see the README); the budgets stop a stage cleanly if the machine is slower.
 */
export function presetDefaults(preset: PresetName): GirlConfig {
  const micro = preset === 'micro';
  const tiny = preset === 'tiny';
  return {
    preset,
    backend: 'auto',
    seed: 1,
    out: 'runs',
    runId: null,
    model: { ...MODEL[preset] },
    data: { train: null, eval: null, format: 'auto', evalFraction: 0.15, people: micro ? 60 : 800, pairs: micro ? 200 : 2400, maxTrain: null },
    tokenizer: { vocabSize: micro ? 400 : 2000 },
    // the sft and reward sections give what the presets change; every other setting is the library's default
    sft: micro
      ? { maxSteps: 6, perDeviceTrainBatchSize: 4, learningRate: 2e-3, evalSteps: 3, budgetSeconds: null }
      : tiny
        ? // step-based (the demo is reproducible per seed); the budget only stops a far slower machine
          { maxSteps: 800, perDeviceTrainBatchSize: DEFAULT_SFT_CONFIG.perDeviceTrainBatchSize, learningRate: 2e-3, evalSteps: 100, budgetSeconds: 900 }
        : { maxSteps: 5000, perDeviceTrainBatchSize: 16, learningRate: 6e-4, evalSteps: 250, budgetSeconds: null },
    reward: micro
      ? { maxSteps: 4, perDeviceTrainBatchSize: 4, learningRate: 1e-3, evalSteps: 2, objective: DEFAULT_REWARD_CONFIG.objective, fromSft: false, backbone: { dModel: 32, nLayer: 1, nHead: 2 }, interaction: 'maxsim', lexical: 'screen', minedMix: null, budgetSeconds: null }
      : tiny
        ? // @girl/reward's evaluations: from the SFT backbone, lexical wide head, mined hard negatives (35/55/10), lr 3e-4
          { maxSteps: TINY_REWARD_STEPS, perDeviceTrainBatchSize: DEFAULT_REWARD_CONFIG.perDeviceTrainBatchSize, learningRate: 3e-4, evalSteps: 30, objective: DEFAULT_REWARD_CONFIG.objective, fromSft: true, backbone: { dModel: 64, nLayer: 2, nHead: 4 }, interaction: 'maxsim', lexical: 'screen', minedMix: MINED_MIX, budgetSeconds: 900 }
        : { maxSteps: 2000, perDeviceTrainBatchSize: 32, learningRate: 1e-4, evalSteps: 200, objective: DEFAULT_REWARD_CONFIG.objective, fromSft: true, backbone: { dModel: 256, nLayer: 4, nHead: 4 }, interaction: 'maxsim', lexical: 'screen', minedMix: MINED_MIX, budgetSeconds: null },
    ppo: ppoDefaults(preset),
    // ≥ 100 held-out CVs so before / after figures are not noise. 10-gram ban: stops looping lines; shorter
    // n-grams recur in real JDs (share of the market's JDs with a repeated n-gram: n=4 97 %, 8 35 %, 10 15 %, 12 5 %)
    eval: { cvs: micro ? 4 : 100, samples: micro ? 2 : 4, maxNewTokens: micro ? 24 : 112, noRepeatNgramSize: 10, repetitionPenalty: 1 },
    augment: { enabled: true, maxTrainCvs: micro ? 8 : 160, maxEvalCvs: micro ? 8 : 80, budgetSeconds: tiny ? 600 : null },
  };
}
