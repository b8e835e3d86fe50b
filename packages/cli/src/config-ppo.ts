/**
 * The pipeline config's `ppo` section: every @girl/ppo setting (TRL's names in camelCase) except the three
 * the run sets itself (`seed`, `checkpointDir`, `metricsFile`), plus the stage's own `budgetSeconds`. (Its
 * old `gradClip`, `steps` and `checkpointEvery` are `maxGradNorm`, `maxSteps` and `saveSteps` now, as in the sft and
 * reward sections.) The field list and every range come from @girl/ppo — `DEFAULT_PPO_CONFIG` names the
 * fields, `resolvePpoConfig` checks the values (see {@link checkPpoSection}) — so a new @girl/ppo setting
 * is settable here without restating it. @girl/ppo's README documents each setting.
 */
import { z } from 'zod';
import { DEFAULT_PPO_CONFIG, PpoConfigError, resolvePpoConfig } from '@girl/ppo';
import type { PpoConfig } from '@girl/ppo';

/** @girl/ppo fields the pipeline sets for each run (the run's seed and folders); not part of the section. */
const RUN_OWNED = ['seed', 'checkpointDir', 'metricsFile'] as const;

/** The resolved `ppo` section. */
export type PpoSection = Omit<PpoConfig, (typeof RUN_OWNED)[number]> & {
  /** Wall-clock seconds after which the stage stops cleanly (a safety cap; null: none). */
  budgetSeconds: number | null;
};

/**
 * The JSON type of each @girl/ppo field, from its default: numbers (nullable: `rewardClip`, `targetKl` and
 * `missingEosPenalty` take null; @girl/ppo refuses null elsewhere), booleans, strings (its enums).
 */
function jsonType(value: unknown): z.ZodTypeAny {
  if (typeof value === 'boolean') return z.boolean();
  if (typeof value === 'string') return z.string();
  return z.number().nullable();
}

const ppoObject = z
  .object({
    ...Object.fromEntries(
      Object.entries(DEFAULT_PPO_CONFIG)
        .filter(([k]) => !(RUN_OWNED as readonly string[]).includes(k))
        .map(([k, v]) => [k, jsonType(v)]),
    ),
    budgetSeconds: z.number().positive().nullable(),
  })
  .strict();

/** The `ppo` section of the resolved config (field types; values are checked by {@link checkPpoSection}). */
export const ppoSchema = ppoObject as unknown as z.ZodType<PpoSection>;

/** The `ppo` section of a user config: any subset of the fields. */
export const ppoUserSchema = ppoObject.partial() as unknown as z.ZodType<Partial<PpoSection>>;

/**
 * Checks every value of a resolved section with @girl/ppo's own rules.
 *
 * @returns `null` when valid, else the problem with the field named as `ppo.<field>` and what it must be.
 */
export function checkPpoSection(p: PpoSection): string | null {
  try {
    resolvePpoConfig(trainerPpoConfig(p));
    return null;
  } catch (e) {
    if (e instanceof PpoConfigError) return e.message.replace(/^PpoConfig\./, 'ppo.');
    throw e;
  }
}

/**
 * Settings shared by every preset: @girl/ppo's defaults, except what @girl/ppo's evaluation found works for
 * GIRL's small models — GAE λ = 1 (every run that raised true fit used it; 0.95 starves a fresh value
 * head's first tokens) and running score normalisation (`scoreScaling` + `scoreNorm`).
 */
function shared(): Omit<PpoSection, 'maxSteps' | 'batchSize' | 'miniBatchSize' | 'ppoEpochs' | 'learningRate' | 'maxNewTokens' | 'saveSteps' | 'budgetSeconds'> {
  const { seed: _seed, checkpointDir: _dir, metricsFile: _file, ...ppo } = DEFAULT_PPO_CONFIG;
  return { ...ppo, lam: 1, scoreScaling: true, scoreNorm: true };
}

/** The `ppo` defaults of a preset. */
export function ppoDefaults(preset: 'micro' | 'tiny' | 'small' | 'base'): PpoSection {
  if (preset === 'micro') return { ...shared(), maxSteps: 2, batchSize: 4, miniBatchSize: 2, ppoEpochs: 1, learningRate: 1e-3, maxNewTokens: 24, saveSteps: 1, budgetSeconds: null };
  if (preset === 'tiny') {
    // step-based: the step count is what the demo runs; the budget only stops a far slower machine
    return { ...shared(), maxSteps: 24, batchSize: 16, miniBatchSize: 8, ppoEpochs: 4, learningRate: 3e-5, maxNewTokens: 112, saveSteps: 6, budgetSeconds: 900 };
  }
  return { ...shared(), maxSteps: 200, batchSize: 64, miniBatchSize: 16, ppoEpochs: 4, learningRate: 1.41e-5, maxNewTokens: 160, saveSteps: 10, budgetSeconds: null };
}

/** The @girl/ppo config of the stage (the section without the stage's own fields). */
export function trainerPpoConfig(p: PpoSection): Omit<PpoSection, 'budgetSeconds'> {
  const { budgetSeconds: _budget, ...rest } = p;
  return rest;
}
