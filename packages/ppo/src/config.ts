/**
 * PPO's one config object. Names follow TRL's `PPOConfig` (v0.x `PPOConfig` and the current
 * `OnPolicyConfig`) in camelCase; every field documents its type, default and why.
 */
import { assertKnownFields, renameFields } from '@girl/core';
import { DEFAULT_TRAINING_SEED } from '@girl/tensor';
import type { KlEstimator } from './kl.js';

/** Every setting of a PPO run. All fields are optional in {@link PpoConfigInput}. */
export interface PpoConfig {
  /**
   * PPO steps (rollout → update cycles) that {@link PpoTrainer.train} runs. Default `100`. (TRL v0 calls it
   * `steps`; GIRL uses the SFT and reward-model trainers' name.)
   */
  maxSteps: number;
  /**
   * Prompts (CVs) per rollout batch. Default `16`. TRL's default is 128 on GPUs; 16 keeps one step to
   * seconds on 2 CPU cores while the advantage whitening still sees ~1,000 tokens.
   */
  batchSize: number;
  /** Rollouts per gradient step inside a PPO epoch; must divide `batchSize`. Default `8` (2 updates per epoch). */
  miniBatchSize: number;
  /**
   * Responses sampled per prompt in a rollout batch; must divide `batchSize` (which counts responses, so a
   * batch holds batchSize / samplesPerPrompt CVs). Default `1` (TRL's PPO). `advantage: 'rloo'` needs ≥ 2.
   */
  samplesPerPrompt: number;
  /**
   * How the policy's advantages are formed. `'gae'` (default, TRL's PPO): GAE(γ, λ) against the value head.
   * `'rloo'`: each response's summed reward minus the mean of the other responses to the same prompt
   * (REINFORCE leave-one-out, TRL's RLOO), then whitened; the value head still trains but is not used.
   * With a small model and few rollouts the leave-one-out baseline removes what the CV alone decides.
   * `'remax'`: each response's summed reward minus the score of the policy's greedy JD for the same CV
   * (ReMax, Li et al. 2023): only samples that beat greedy decoding are reinforced. Costs one greedy
   * rollout per CV; works with any `samplesPerPrompt`.
   */
  advantage: 'gae' | 'rloo' | 'remax';
  /**
   * Weight of negative advantages (after whitening), in [0, 1]. Default `1` (PPO as published). Lower values
   * make the update learn mostly from responses that beat their baseline: a token of a worse-than-baseline
   * JD is often also a token of the greedy JD (the JDs share most of their lines), so pushing it down can
   * flip the greedy path, the one users get, while the sampled JDs improve. `0` learns only from the better
   * responses (filtered imitation with PPO's clipping).
   */
  negativeAdvantageScale: number;
  /** Passes over each rollout batch. Default `4` (TRL's `ppo_epochs` / `num_ppo_epochs`). */
  ppoEpochs: number;
  /**
   * AdamW learning rate (constant). Default `1e-5` (TRL: 1.41e-5 for v0 PPO on GPT-2 124M). Small models
   * move less per update: GIRL's `tiny` generator (1M parameters) wants ~`1e-4`–`3e-4`, the micro
   * models of the tests ~`1e-3`; raise it until `policy/approxkl_avg` sits around 0.01–0.05.
   */
  learningRate: number;
  /** AdamW decoupled weight decay. Default `0`: fine-tuning should stay near the SFT weights, not near 0. */
  weightDecay: number;
  /** Discount γ. Default `1` (TRL): a JD is one episode; the score arrives once, at its end. */
  gamma: number;
  /**
   * GAE λ. Default `0.95` (TRL): trades the value head's bias against Monte-Carlo variance. With a fresh
   * value head and long responses use `1`: at 0.95 the end-of-JD score reaches the first tokens only as
   * 0.95^length, so they learn from an untrained value head instead (README, synthetic-market evaluation).
   */
  lam: number;
  /** PPO ratio clip ε: the policy loss ignores ratios outside [1−ε, 1+ε]. Default `0.2` (TRL, the PPO paper). */
  clipRange: number;
  /** Value clip: a new value prediction moves at most this far from the rollout's. Default `0.2` (TRL). */
  clipRangeValue: number;
  /** Weight of the value loss in the shared (policy + value head) loss. Default `0.1` (TRL's `vf_coef`). */
  vfCoef: number;
  /** Entropy bonus weight (subtracted from the loss). Default `0`: the KL penalty already keeps entropy up. */
  entCoef: number;
  /** KL penalty coefficient β at the start. Default `0.05` (TRL's `kl_coef`). */
  initKlCoef: number;
  /** Adapt β towards `target` (Ziegler et al.). Default `false` (TRL's current default: fixed β). */
  adaptiveKl: boolean;
  /** Target KL (nats per response, summed over tokens) for the adaptive controller. Default `6` (TRL). */
  target: number;
  /** Episodes over which the adaptive controller may move β by ±20%. Default `10000` (TRL). */
  horizon: number;
  /**
   * Per-token KL estimator of the penalty: `'k1'` (log π − log π_ref; TRL's default) or `'k3'`
   * (never negative, lower variance). Default `'k1'`.
   */
  klEstimator: KlEstimator;
  /** Whiten the per-token rewards (without shifting them) before GAE. Default `false` (TRL). */
  whitenRewards: boolean;
  /**
   * Subtracted from the score of every response without EOS. Default `1`: TRL leaves it off (`None`), but
   * without it a policy learns that never stopping earns as much as a finished JD ("rollouts that never
   * stop"). `null` turns it off.
   */
  missingEosPenalty: number | null;
  /** Clip processed scores to [−rewardClip, rewardClip] (TRL v0's `score_clip`). Default `null` (off). */
  rewardClip: number | null;
  /** Divide scores by their running std (TRL v0's `use_score_scaling`). Default `false`. */
  scoreScaling: boolean;
  /** With `scoreScaling`, also subtract the running mean (TRL v0's `use_score_norm`). Default `false`. */
  scoreNorm: boolean;
  /** Longest generated JD, in tokens. Default `64`. The prompt is cut (head + tail) to leave room for it. */
  maxNewTokens: number;
  /**
   * Sampling temperature of rollouts. Default `0.7` (TRL). The SAME temperature divides the logits when the
   * trainer recomputes log-probs, so the policy, the old policy and the reference are all compared at
   * this temperature (see README: no negative KL from mismatched settings).
   */
  temperature: number;
  /**
   * Early stop: skip the rest of a step's PPO epochs once a minibatch's approximate KL to the rollout
   * policy exceeds this (TRL v0's `early_stopping` + `target_kl`). Default `null` (off, as TRL).
   */
  targetKl: number | null;
  /** Global gradient-norm clip. Default `1` (TRL's `max_grad_norm`). */
  maxGradNorm: number;
  /** Seed of the prompt order, the sampling and the minibatch shuffles. Default `DEFAULT_TRAINING_SEED` (1337, as SFT and the reward model). */
  seed: number;
  /** Folder for checkpoints (policy + value head + optimizer + KL controller + RNG). Default `null` (none). */
  checkpointDir: string | null;
  /** Save every this many steps (and at the end) when `checkpointDir` is set. Default `10` (TRL's `save_steps`). */
  saveSteps: number;
  /**
   * Each step's metrics as one JSON line in this file. Default `null` (none). A new trainer starts it empty;
   * a resumed one keeps the records up to its checkpoint's step, so each step is in the file once.
   */
  metricsFile: string | null;
}

/** {@link PpoConfig} with every field optional. */
export type PpoConfigInput = Partial<PpoConfig>;

/** The defaults of every {@link PpoConfig} field. */
export const DEFAULT_PPO_CONFIG: Readonly<PpoConfig> = Object.freeze({
  maxSteps: 100,
  batchSize: 16,
  miniBatchSize: 8,
  samplesPerPrompt: 1,
  advantage: 'gae',
  negativeAdvantageScale: 1,
  ppoEpochs: 4,
  learningRate: 1e-5,
  weightDecay: 0,
  gamma: 1,
  lam: 0.95,
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
  scoreScaling: false,
  scoreNorm: false,
  maxNewTokens: 64,
  temperature: 0.7,
  targetKl: null,
  maxGradNorm: 1,
  seed: DEFAULT_TRAINING_SEED,
  checkpointDir: null,
  saveSteps: 10,
  metricsFile: null,
} satisfies PpoConfig);

/**
 * Fields renamed for one vocabulary with the SFT and reward-model trainers (#14): an input using the old
 * name is refused with the new one; {@link upgradePpoConfig} maps a saved config.
 */
export const PPO_RENAMED_FIELDS: Readonly<Record<string, keyof PpoConfig>> = Object.freeze({ steps: 'maxSteps', checkpointEvery: 'saveSteps' });

/**
 * A saved config (a checkpoint's `state.json`) in today's names: each renamed field takes its new name and
 * keeps its value. The input is not changed.
 *
 * @example
 * ```ts
 * upgradePpoConfig({ steps: 24, checkpointEvery: 6, learningRate: 3e-5 }); // { maxSteps: 24, saveSteps: 6, learningRate: 3e-5 }
 * ```
 */
export function upgradePpoConfig<T extends object>(saved: T): T {
  return renameFields(saved, PPO_RENAMED_FIELDS);
}

/** A config value that is not valid; the message names the field, the value and the fix. */
export class PpoConfigError extends Error {
  override name = 'PpoConfigError';
}

/**
 * Fills in defaults and checks every field.
 *
 * @throws PpoConfigError naming the field
 * @example
 * ```ts
 * const cfg = resolvePpoConfig({ learningRate: 1e-4, batchSize: 8, miniBatchSize: 4 });
 * cfg.ppoEpochs; // 4
 * ```
 */
export function resolvePpoConfig(input: PpoConfigInput = {}): PpoConfig {
  assertKnownFields(input, Object.keys(DEFAULT_PPO_CONFIG), 'PpoConfig', { renamed: PPO_RENAMED_FIELDS, makeError: (m) => new PpoConfigError(m) });
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const c = { ...DEFAULT_PPO_CONFIG, ...defined } as PpoConfig;
  const fail = (field: keyof PpoConfig, what: string) => {
    throw new PpoConfigError(`PpoConfig.${field} must be ${what}, got ${JSON.stringify(c[field])}.`);
  };
  const posInt = (f: keyof PpoConfig) => {
    const v = c[f];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) fail(f, 'a positive integer');
  };
  const inRange = (f: keyof PpoConfig, lo: number, hi: number, loOpen = false) => {
    const v = c[f];
    if (typeof v !== 'number' || !Number.isFinite(v) || v > hi || (loOpen ? v <= lo : v < lo)) fail(f, `a number in ${loOpen ? '(' : '['}${lo}, ${hi}]`);
  };
  const nullablePos = (f: keyof PpoConfig) => {
    const v = c[f];
    if (v !== null && !(typeof v === 'number' && v > 0 && Number.isFinite(v))) fail(f, 'null or a positive number');
  };
  for (const f of ['maxSteps', 'batchSize', 'miniBatchSize', 'samplesPerPrompt', 'ppoEpochs', 'maxNewTokens', 'saveSteps'] as const) posInt(f);
  if (c.batchSize % c.miniBatchSize !== 0) fail('miniBatchSize', `a divisor of batchSize (${c.batchSize})`);
  if (c.batchSize % c.samplesPerPrompt !== 0) fail('samplesPerPrompt', `a divisor of batchSize (${c.batchSize})`);
  if (!['gae', 'rloo', 'remax'].includes(c.advantage)) fail('advantage', "'gae', 'rloo' or 'remax'");
  if (c.advantage === 'rloo' && c.samplesPerPrompt < 2) fail('samplesPerPrompt', "at least 2 with advantage 'rloo' (the baseline is the other responses to the same prompt)");
  inRange('negativeAdvantageScale', 0, 1);
  inRange('learningRate', 0, 1, true);
  inRange('weightDecay', 0, 1);
  inRange('gamma', 0, 1);
  inRange('lam', 0, 1);
  inRange('clipRange', 0, 10, true);
  inRange('clipRangeValue', 0, 1e9, true);
  inRange('vfCoef', 0, 1e9);
  inRange('entCoef', 0, 1e9);
  inRange('initKlCoef', 0, 1e9);
  inRange('target', 0, 1e9, true);
  inRange('horizon', 0, 1e12, true);
  inRange('temperature', 0, 100, true);
  inRange('maxGradNorm', 0, 1e12, true);
  if (c.klEstimator !== 'k1' && c.klEstimator !== 'k3') fail('klEstimator', "'k1' or 'k3'");
  for (const f of ['adaptiveKl', 'whitenRewards', 'scoreScaling', 'scoreNorm'] as const) if (typeof c[f] !== 'boolean') fail(f, 'a boolean');
  if (c.missingEosPenalty !== null && !(typeof c.missingEosPenalty === 'number' && c.missingEosPenalty >= 0)) fail('missingEosPenalty', 'null or a number >= 0');
  nullablePos('rewardClip');
  nullablePos('targetKl');
  if (!Number.isInteger(c.seed)) fail('seed', 'an integer');
  if (c.checkpointDir !== null && typeof c.checkpointDir !== 'string') fail('checkpointDir', 'null or a folder path');
  if (c.metricsFile !== null && typeof c.metricsFile !== 'string') fail('metricsFile', 'null or a file path');
  return c;
}
