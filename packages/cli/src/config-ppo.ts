/**
 * The pipeline config's `ppo` section: every @girl/ppo setting (TRL's names in camelCase), so a run can
 * set any of them from its config file, plus the stage's own `checkpointEvery` and `budgetSeconds`.
 * The field docs give the preset defaults; @girl/ppo's README explains each setting.
 */
import { z } from 'zod';

const posInt = z.number().int().positive();
const posNum = z.number().positive();

/** The `ppo` section of the pipeline config. */
export const ppoSchema = z
  .object({
    /** PPO steps (each: `batchSize` rollouts, then `ppoEpochs` passes of minibatch updates). */
    steps: posInt,
    batchSize: posInt,
    miniBatchSize: posInt,
    /** Responses per CV in a rollout batch (`batchSize` counts responses); must divide `batchSize`. */
    samplesPerPrompt: posInt,
    /** `gae` (TRL's PPO, value head) or `rloo` (each JD against the other JDs for the same CV; needs samplesPerPrompt ≥ 2). */
    advantage: z.enum(['gae', 'rloo']),
    ppoEpochs: posInt,
    learningRate: posNum,
    weightDecay: z.number().nonnegative(),
    /** Discount γ (1: one JD is one episode, scored at its end). */
    gamma: z.number().min(0).max(1),
    /** GAE λ. 1 in every preset: every run that raised true fit in @girl/ppo's README used 1 (0.95 starves a fresh value head's first tokens). */
    lam: z.number().min(0).max(1),
    clipRange: posNum,
    clipRangeValue: posNum,
    vfCoef: z.number().nonnegative(),
    entCoef: z.number().nonnegative(),
    /** KL penalty β to the SFT model. */
    initKlCoef: z.number().nonnegative(),
    adaptiveKl: z.boolean(),
    /** Target KL (nats per JD) of the adaptive controller. */
    target: posNum,
    horizon: posNum,
    klEstimator: z.enum(['k1', 'k3']),
    whitenRewards: z.boolean(),
    /** Subtracted from the score of a JD that never ends (null: off). */
    missingEosPenalty: z.number().nonnegative().nullable(),
    rewardClip: posNum.nullable(),
    /** Running score normalisation (divide by the running std; with `scoreNorm` also subtract the mean): on in every preset, as in the README's positive runs. */
    scoreScaling: z.boolean(),
    scoreNorm: z.boolean(),
    maxNewTokens: posInt,
    /** Rollout temperature (and the temperature log-probs are compared at). */
    temperature: posNum,
    targetKl: posNum.nullable(),
    maxGradNorm: posNum,
    /** Steps between PPO checkpoints (and one at the end). */
    checkpointEvery: posInt,
    /** Wall-clock seconds after which the stage stops cleanly (a safety cap; null: none). */
    budgetSeconds: z.number().positive().nullable(),
    /** Optional override of `maxGradNorm` (the name the other stages and `--resume` overrides use). */
    gradClip: z.number().positive().optional(),
  })
  .strict();

/** The resolved `ppo` section. */
export type PpoSection = z.infer<typeof ppoSchema>;

/** Settings shared by every preset (what @girl/ppo's evaluation found works: λ = 1, running score normalisation). */
const SHARED = {
  samplesPerPrompt: 1,
  advantage: 'gae',
  weightDecay: 0,
  gamma: 1,
  lam: 1,
  clipRange: 0.2,
  clipRangeValue: 0.2,
  vfCoef: 0.1,
  entCoef: 0,
  initKlCoef: 0.05,
  adaptiveKl: false,
  target: 6,
  horizon: 10000,
  klEstimator: 'k1',
  whitenRewards: false,
  missingEosPenalty: 1,
  rewardClip: null,
  scoreScaling: true,
  scoreNorm: true,
  temperature: 0.7,
  targetKl: null,
  maxGradNorm: 1,
} as const;

/** The `ppo` defaults of a preset. */
export function ppoDefaults(preset: 'micro' | 'tiny' | 'small' | 'base'): PpoSection {
  if (preset === 'micro') return { ...SHARED, steps: 2, batchSize: 4, miniBatchSize: 2, ppoEpochs: 1, learningRate: 1e-3, maxNewTokens: 24, checkpointEvery: 1, budgetSeconds: null };
  if (preset === 'tiny') {
    // step-based: the step count is what the demo runs; the budget only stops a far slower machine
    return { ...SHARED, steps: 24, batchSize: 16, miniBatchSize: 8, ppoEpochs: 4, learningRate: 3e-5, maxNewTokens: 112, checkpointEvery: 6, budgetSeconds: 900 };
  }
  return { ...SHARED, steps: 200, batchSize: 64, miniBatchSize: 16, ppoEpochs: 4, learningRate: 1.41e-5, maxNewTokens: 160, checkpointEvery: 10, budgetSeconds: null };
}

/** The @girl/ppo config of the stage (the section without the stage's own fields). */
export function trainerPpoConfig(p: PpoSection): Omit<PpoSection, 'budgetSeconds' | 'gradClip'> {
  const { budgetSeconds: _budget, gradClip, ...rest } = p;
  return gradClip === undefined ? rest : { ...rest, maxGradNorm: gradClip };
}
