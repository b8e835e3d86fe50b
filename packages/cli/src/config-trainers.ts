/**
 * The pipeline config's `sft` and `reward` sections, composed from the libraries' own config: every
 * @girl/generator `SftConfig` / @girl/reward `RewardConfig` field (Hugging Face TRL's names in camelCase,
 * one name per concept in both) except the four the run sets itself (`seed`, `checkpointDir`,
 * `metricsFile`, `resume`), plus the stage's own fields. The field lists come from `DEFAULT_SFT_CONFIG` /
 * `DEFAULT_REWARD_CONFIG` and every value is checked by `resolveSftConfig` / `resolveRewardConfig`, so a
 * library setting is settable here without restating it. A preset gives only what it changes.
 */
import { z } from 'zod';
import { renameFields } from '@girl/core';
import { DEFAULT_SFT_CONFIG, SFT_RENAMED_FIELDS, resolveSftConfig } from '@girl/generator';
import type { SftConfig } from '@girl/generator';
import { PPO_RENAMED_FIELDS } from '@girl/ppo';
import { DEFAULT_REWARD_CONFIG, REWARD_RENAMED_FIELDS, RewardConfigError, resolveRewardConfig } from '@girl/reward';
import type { RewardConfig } from '@girl/reward';

/** Library fields the pipeline sets for each run (its seed, folders and resume); not part of a section. */
const RUN_OWNED = ['seed', 'checkpointDir', 'metricsFile', 'resume'] as const;

const posInt = z.number().int().positive();
const nonNegInt = z.number().int().nonnegative();
const posNum = z.number().positive();
const budget = z.number().positive().nullable();

/**
 * Optional zod fields for a library's settings, typed from their defaults: booleans, strings (enums,
 * checked by the library), numbers (null: the library's own default, e.g. a derived one).
 */
function libraryFields<T extends object>(defaults: T): { [K in Exclude<keyof T, (typeof RUN_OWNED)[number]>]: z.ZodOptional<z.ZodType<T[K]>> } {
  return Object.fromEntries(
    Object.entries(defaults)
      .filter(([k]) => !(RUN_OWNED as readonly string[]).includes(k))
      .map(([k, v]) => [k, (typeof v === 'boolean' ? z.boolean() : typeof v === 'string' ? z.string() : z.number().nullable()).optional()]),
  ) as never;
}

/** What every training section has: the preset's step count, batch, rate and evaluation cadence, and a budget. */
const presetFields = {
  maxSteps: posInt,
  perDeviceTrainBatchSize: posInt,
  learningRate: posNum,
  evalSteps: nonNegInt,
  /** Wall-clock seconds after which the stage stops cleanly (checkpoint kept); null: no limit. */
  budgetSeconds: budget,
};

/** The `sft` section: @girl/generator's SFT settings (see its README) and `budgetSeconds`. */
export const sftSchema = z.object({ ...libraryFields(DEFAULT_SFT_CONFIG), ...presetFields }).strict();

/** The `reward` section: @girl/reward's training settings (see its README) and the stage's model choices. */
export const rewardSchema = z
  .object({
    ...libraryFields(DEFAULT_REWARD_CONFIG),
    ...presetFields,
    objective: z.enum(['pointwise', 'pairwise', 'both']),
    /** Start the reward model from the SFT backbone (as in RLHF) instead of a fresh one of `backbone`'s shape. */
    fromSft: z.boolean(),
    /** Shape of a fresh backbone (`fromSft: false`); context comes from `model.contextLength`. */
    backbone: z.object({ dModel: posInt, nLayer: posInt, nHead: posInt }).strict(),
    /** `maxsim`: @girl/reward's late-interaction term (a direct CV↔JD matching path for small models). */
    interaction: z.enum(['none', 'maxsim']),
    /**
     * @girl/reward's wide head, warm-started before the transformer trains. `tfidf`: TF-IDF cosine +
     * IDF-weighted coverage (IDF fitted on the training texts); `screen`: those two plus the recruiter screen
     * (listed skills found in the CV, title words, career stage), with non-negative weights.
     */
    lexical: z.enum(['none', 'tfidf', 'screen']),
    /**
     * Hard-negative mining on the synthetic market: the reward model trains on the training people's pairs
     * drawn again with this mix (shares of positives / hard negatives / random negatives); evaluation keeps
     * the market's default mix. null: the market's own pairs. Ignored for data from files.
     */
    minedMix: z.object({ positive: z.number().min(0), hardNegative: z.number().min(0), randomNegative: z.number().min(0) }).strict().nullable(),
  })
  .strict();

/** The stage-only fields of each section (not passed to the library). */
const STAGE_ONLY = { sft: ['budgetSeconds'], reward: ['budgetSeconds', 'fromSft', 'backbone', 'interaction', 'lexical', 'minedMix'] } as const;

/** The section's library settings, without the stage's own fields and without nulls (the library's defaults). */
function librarySettings(section: object, stage: 'sft' | 'reward'): Record<string, unknown> {
  const skip: readonly string[] = STAGE_ONLY[stage];
  return Object.fromEntries(Object.entries(section).filter(([k, v]) => !skip.includes(k) && v !== null && v !== undefined));
}

/**
 * The @girl/generator config of the `sft` section (the run adds seed, folders and resume).
 *
 * @example
 * ```ts
 * trainSft({ ..., config: { ...sftTrainerConfig(c.sft), seed: c.seed, checkpointDir } });
 * ```
 */
export function sftTrainerConfig(section: z.infer<typeof sftSchema>): SftConfig {
  return librarySettings(section, 'sft') as SftConfig;
}

/** The @girl/reward config of the `reward` section (the run adds seed, folders and resume). */
export function rewardTrainerConfig(section: z.infer<typeof rewardSchema>): RewardConfig {
  return librarySettings(section, 'reward') as RewardConfig;
}

/**
 * Checks the two sections' values with the libraries' own rules.
 *
 * @returns null when valid, else the problem with the field named as `sft.<field>` / `reward.<field>`.
 */
export function checkTrainerSections(c: { sft: z.infer<typeof sftSchema>; reward: z.infer<typeof rewardSchema>; model: { contextLength: number } }): string | null {
  try {
    resolveSftConfig(sftTrainerConfig(c.sft), c.model.contextLength);
  } catch (e) {
    if (e instanceof RangeError) return e.message.replace(/^SftConfig\./, 'sft.');
    throw e;
  }
  try {
    resolveRewardConfig(rewardTrainerConfig(c.reward), c.model.contextLength);
  } catch (e) {
    if (e instanceof RewardConfigError) return e.message.replace(/^RewardConfig\./, 'reward.');
    throw e;
  }
  return null;
}

/**
 * Config fields renamed by #14 (one vocabulary: TRL's names), by section: the libraries' own tables. A user config with an old name is
 * refused naming the new one; a run folder's own `config.json` written before the rename is read with them
 * mapped (see {@link upgradeRunConfig}).
 */
export const RENAMED_CONFIG_FIELDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  sft: SFT_RENAMED_FIELDS,
  reward: REWARD_RENAMED_FIELDS,
  ppo: { gradClip: 'maxGradNorm', ...PPO_RENAMED_FIELDS }, // gradClip: the CLI's own old alias
};
/**
 * A saved run config (`runs/<id>/config.json`) in today's names: a field renamed by #14 takes its new name
 * and keeps its value (an old `ppo.gradClip`, which overrode `ppo.maxGradNorm`, replaces it). Other fields
 * are kept as they are; the input is not changed.
 *
 * @example
 * ```ts
 * upgradeRunConfig({ sft: { lr: 2e-3, batchSize: 8 } }); // { sft: { learningRate: 2e-3, perDeviceTrainBatchSize: 8 } }
 * ```
 */
export function upgradeRunConfig<T>(saved: T): T {
  if (saved === null || typeof saved !== 'object') return saved;
  const out: Record<string, unknown> = { ...(saved as Record<string, unknown>) };
  for (const [section, renames] of Object.entries(RENAMED_CONFIG_FIELDS)) {
    const s = out[section];
    if (s !== null && typeof s === 'object') out[section] = renameFields(s, renames);
  }
  return out as T;
}
