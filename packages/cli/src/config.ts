/**
 * The pipeline's one config object: a zod schema with documented defaults per preset, loaded from a JSON
 * file and command-line flags, validated with errors that name the field and the fix.
 *
 * Precedence: preset defaults < config file < command-line flags.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { describeUnknown } from '@girl/core';
import { checkPpoSection, ppoSchema, ppoUserSchema } from './config-ppo.js';
import { RENAMED_CONFIG_FIELDS, checkTrainerSections, rewardSchema, sftSchema } from './config-trainers.js';
import { presetDefaults } from './config-presets.js';

/** Model/budget presets. `micro` is for tests (seconds); `tiny` is the demo (minutes on 2 CPU cores). */
export const PRESET_NAMES = ['micro', 'tiny', 'small', 'base'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** Backends @girl/tensor can start. */
export const BACKENDS = ['auto', 'native', 'wasm', 'cpu', 'tensorflow', 'tensorflow-gpu', 'webgpu'] as const;

const posInt = z.number().int().positive();
const nonNegInt = z.number().int().nonnegative();
const posNum = z.number().positive();
const budget = z.number().positive().nullable();
/** A run folder name: one plain name inside `out`, never `.`/`..` or a path (the run stays inside `out`). */
const runIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/, 'use letters, digits, ".", "_" or "-" (not starting with ".", at most 128)')
  .nullable();
/** The generator (and reward backbone) shape; `null` fields come from @girl/generator's preset. */
const modelSchema = z
  .object({
    /** Positions: prompt + generated tokens. */
    contextLength: posInt,
    dModel: posInt,
    nLayer: posInt,
    nHead: posInt,
    dropout: z.number().min(0).max(0.9),
    /** A Hugging Face model folder (GPT-2, Llama, Qwen2/3, Mistral) that SFT and the reward backbone start from, with its tokenizer.json; the shape fields above are then ignored except contextLength (a cap). Default: none (random init). */
    baseModel: z.string().min(1).optional(),
  })
  .strict();

const dataSchema = z
  .object({
    /** Training data: an RJDB `.jsonl`, a labelled pairs `.jsonl`/`.csv`, or null for the synthetic market. */
    train: z.string().min(1).nullable(),
    /** Evaluation data in the same forms; null: a held-out share of `train` (split by group, no leaks). */
    eval: z.string().min(1).nullable(),
    /** File format; `auto` looks at the extension and, for JSONL, at RJDB's field names. */
    format: z.enum(['auto', 'rjdb', 'jsonl', 'csv']),
    /** Share of the training groups held out for evaluation when `eval` is null. */
    evalFraction: z.number().gt(0).lt(1),
    /** Synthetic market sizes (used when `train` is null). */
    people: posInt,
    pairs: posInt,
    /** Most SFT pairs / labelled pairs used from the training data (null: all). */
    maxTrain: posInt.nullable(),
  })
  .strict();

const tokenizerSchema = z.object({ vocabSize: z.number().int().min(300) }).strict();

const evalSchema = z
  .object({
    /** Held-out CVs whose greedy JDs are scored before and after PPO. */
    cvs: posInt,
    /** Sample CVs shown in the report (JD before and after PPO). */
    samples: nonNegInt,
    /** Longest generated JD in evaluation and augmentation. */
    maxNewTokens: posInt,
    /** Greedy JDs (evaluation, augmentation, `girl generate`) never repeat an n-gram of this size of their own (HF `no_repeat_ngram_size`; 0: off). */
    noRepeatNgramSize: nonNegInt,
    /** CTRL repetition penalty over the CV and the JD so far (1: off; it also discourages copying the CV's skills, so off by default). */
    repetitionPenalty: posNum,
  })
  .strict();

const augmentSchema = z
  .object({
    /** Run the augmentation stage at all. */
    enabled: z.boolean(),
    /** Most distinct CVs whose JD is generated for the recommender's training rows. */
    maxTrainCvs: posInt,
    /** Most distinct CVs for the recommender's evaluation rows. */
    maxEvalCvs: posInt,
    budgetSeconds: budget,
  })
  .strict();

/** The full, resolved config. */
export const configSchema = z
  .object({
    preset: z.enum(PRESET_NAMES),
    backend: z.enum(BACKENDS),
    seed: nonNegInt,
    /** Folder that holds the run folders. */
    out: z.string().min(1),
    /** Run folder name (default: a timestamp). */
    runId: runIdSchema,
    model: modelSchema,
    data: dataSchema,
    tokenizer: tokenizerSchema,
    sft: sftSchema,
    reward: rewardSchema,
    ppo: ppoSchema,
    eval: evalSchema,
    augment: augmentSchema,
  })
  .strict();

/** The resolved pipeline config. */
export type GirlConfig = z.infer<typeof configSchema>;

/** A user config: every field optional, unknown fields rejected. */
export const userConfigSchema = z
  .object({
    preset: z.enum(PRESET_NAMES),
    backend: z.enum(BACKENDS),
    seed: nonNegInt,
    out: z.string().min(1),
    runId: runIdSchema,
    model: modelSchema.partial(),
    data: dataSchema.partial(),
    tokenizer: tokenizerSchema.partial(),
    sft: sftSchema.partial(),
    reward: rewardSchema.extend({ backbone: rewardSchema.shape.backbone.partial() }).partial(),
    ppo: ppoUserSchema,
    eval: evalSchema.partial(),
    augment: augmentSchema.partial(),
  })
  .partial()
  .strict();

/** A user config (file or flags): any subset of {@link GirlConfig}. */
export type UserConfig = z.infer<typeof userConfigSchema>;

export { presetDefaults } from './config-presets.js';

/** A config that is not valid; the message lists every bad field with what was expected. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function formatIssues(where: string, error: z.ZodError, input: unknown): string {
  const lines = error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    let got: unknown = input;
    for (const k of issue.path) got = got && typeof got === 'object' ? (got as Record<PropertyKey, unknown>)[k as PropertyKey] : undefined;
    let fix = '';
    if (issue.code === 'unrecognized_keys') {
      // a field renamed by #14 is named with its new name; a typo with the nearest known field
      const names = issue.keys.map((k) => describeUnknown(k, knownFields(issue.path), RENAMED_CONFIG_FIELDS[path] ?? {}));
      fix = ` Rename or remove ${issue.keys.map((k) => `"${path ? `${path}.` : ''}${k}"`).join(', ')} (see the config reference in @girl/cli's README).`;
      return `  - ${path || '(top level)'}: unknown field${issue.keys.length > 1 ? 's' : ''} ${names.join(', ')}.${fix}`;
    }
    return `  - ${path || '(top level)'}: ${issue.message}${got === undefined ? '' : ` (got ${JSON.stringify(got)})`}.`;
  });
  return `Invalid config in ${where}:\n${lines.join('\n')}\nFix the field(s) above; every field and its default is listed in packages/cli/README.md ("Config reference").`;
}

/** Validates a user config (file contents or flags). @throws ConfigError naming each bad field. */
export function parseUserConfig(input: unknown, where: string): UserConfig {
  const r = userConfigSchema.safeParse(input);
  if (!r.success) throw new ConfigError(formatIssues(where, r.error, input));
  return r.data;
}

/** Reads and validates a JSON config file. @throws ConfigError for unreadable JSON or a bad field. */
export async function loadConfigFile(path: string): Promise<UserConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`Cannot read config file '${path}': ${(e as Error).message}. Check the path passed to --config.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`Config file '${path}' is not valid JSON: ${(e as Error).message}.`);
  }
  return parseUserConfig(json, path);
}

/** Merges layers (later wins) over the preset's defaults and validates the result. */
export function resolveConfig(...layers: UserConfig[]): GirlConfig {
  const preset = [...layers].reverse().find((l) => l.preset)?.preset ?? 'tiny';
  const base = presetDefaults(preset) as unknown as Record<string, unknown>;
  for (const layer of layers) {
    for (const [k, v] of Object.entries(layer)) {
      if (v === undefined) continue;
      if (v && typeof v === 'object' && !Array.isArray(v)) base[k] = { ...(base[k] as object), ...stripUndefined(v as object) };
      else base[k] = v;
    }
  }
  const r = configSchema.safeParse(base);
  if (!r.success) throw new ConfigError(formatIssues('the merged config', r.error, base));
  const cfg = r.data;
  if (cfg.model.dModel % cfg.model.nHead !== 0) throw new ConfigError(`Invalid config: model.nHead (${cfg.model.nHead}) must divide model.dModel (${cfg.model.dModel}).`);
  // every ppo value by @girl/ppo's own rules (ranges, divisors, enums), named as ppo.<field>
  const ppoProblem = checkPpoSection(cfg.ppo);
  if (ppoProblem !== null) throw new ConfigError(`Invalid config: ${ppoProblem}`);
  // every sft and reward value by @girl/generator's and @girl/reward's own rules, named as sft.<field> / reward.<field>
  const trainerProblem = checkTrainerSections(cfg);
  if (trainerProblem !== null) throw new ConfigError(`Invalid config: ${trainerProblem}`);
  if (cfg.model.contextLength < 64) {
    throw new ConfigError(`Invalid config: model.contextLength (${cfg.model.contextLength}) is too small for a CV and a JD; use at least 64 (the presets use 256 or more).`);
  }
  for (const [f, v] of [['ppo.maxNewTokens', cfg.ppo.maxNewTokens], ['eval.maxNewTokens', cfg.eval.maxNewTokens]] as const) {
    if (v > cfg.model.contextLength - 32) {
      throw new ConfigError(`Invalid config: ${f} (${v}) leaves fewer than 32 of model.contextLength (${cfg.model.contextLength}) positions for the CV; lower ${f} to at most ${cfg.model.contextLength - 32}, or raise model.contextLength to at least ${v + 32}.`);
    }
  }
  return cfg;
}

/** The fields the config knows at `path` (a section, or the top level), for spelling hints. */
function knownFields(path: readonly PropertyKey[]): string[] {
  let schema: unknown = configSchema;
  for (const k of path) schema = (schema as { shape?: Record<PropertyKey, unknown> }).shape?.[k];
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

function stripUndefined(o: object): object {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
