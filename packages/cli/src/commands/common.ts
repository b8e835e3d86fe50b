/** Flags shared by the training commands, and how they become a config. */
import { Option } from 'commander';
import type { Command } from 'commander';
import { BACKENDS, PRESET_NAMES, loadConfigFile, parseUserConfig, resolveConfig } from '../config.js';
import type { GirlConfig, UserConfig } from '../config.js';
import { runPipeline } from '../pipeline/run-pipeline.js';
import type { StageName } from '../pipeline/run-dir.js';

/** The parsed common flags. */
export interface CommonFlags {
  config?: string;
  preset?: string;
  backend?: string;
  seed?: string;
  out?: string;
  runId?: string;
  resume?: string;
  train?: string;
  eval?: string;
  format?: string;
  quiet?: boolean;
  baseModel?: string;
}

/** Adds `--config --preset --backend --seed --out --run-id --resume --train --eval --format --quiet`. */
export function addCommonOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <file>', 'JSON config file (validated; see the README\'s config reference)')
    .addOption(new Option('-p, --preset <name>', 'model and budget preset').choices([...PRESET_NAMES]))
    .addOption(new Option('-b, --backend <name>', 'tensor backend (auto: native > wasm)').choices([...BACKENDS]))
    .option('-s, --seed <n>', 'seed of data, initialisation and sampling')
    .option('-o, --out <dir>', 'folder that holds run folders (default runs)')
    .option('--run-id <id>', 'name of the run folder (default: a timestamp)')
    .option('-r, --resume <run>', 'continue the run in this folder (its own config; a --config file may change learning rates, maxGradNorm, budgets, steps)')
    .option('--train <path>', 'training data: RJDB .jsonl, labelled pairs .jsonl/.csv (default: synthetic market)')
    .option('--eval <path>', 'evaluation data in the same forms (default: held-out share of --train)')
    .addOption(new Option('--format <fmt>', 'data format (default: from the extension)').choices(['auto', 'rjdb', 'jsonl', 'csv']))
    .option('-q, --quiet', 'no progress bars')
    .option('--base-model <dir>', 'start SFT and the reward backbone from a Hugging Face model folder (config.json, safetensors, tokenizer.json)');
}

/** Builds the run config: preset < --config file < flags. */
export async function configFromFlags(f: CommonFlags): Promise<GirlConfig> {
  const file: UserConfig = f.config ? await loadConfigFile(f.config) : {};
  const data: Record<string, unknown> = {};
  if (f.train !== undefined) data.train = f.train;
  if (f.eval !== undefined) data.eval = f.eval;
  if (f.format !== undefined) data.format = f.format;
  const flags = parseUserConfig(
    {
      ...(f.preset !== undefined ? { preset: f.preset } : {}),
      ...(f.backend !== undefined ? { backend: f.backend } : {}),
      ...(f.seed !== undefined ? { seed: Number(f.seed) } : {}),
      ...(f.out !== undefined ? { out: f.out } : {}),
      ...(f.runId !== undefined ? { runId: f.runId } : {}),
      ...(Object.keys(data).length ? { data } : {}),
      ...(f.baseModel !== undefined ? { model: { baseModel: f.baseModel } } : {}),
    },
    'command-line flags',
  );
  return resolveConfig(file, flags);
}

/** Flags that define a run and so cannot change on `--resume` (the run's config.json has them). */
const FIXED_ON_RESUME = ['preset', 'seed', 'out', 'runId', 'train', 'eval', 'format'] as const;
const FLAG_NAMES: Record<(typeof FIXED_ON_RESUME)[number], string> = { preset: '--preset', seed: '--seed', out: '--out', runId: '--run-id', train: '--train', eval: '--eval', format: '--format' };

/**
 * The overrides a `--resume` asks for: the `--config` file and `--backend`. Flags that define the run are
 * refused by name (its config.json has them); the file's fields are checked by applyResumeOverrides.
 */
export async function resumeOverridesFromFlags(f: CommonFlags): Promise<UserConfig> {
  const fixed = FIXED_ON_RESUME.filter((k) => f[k] !== undefined);
  if (fixed.length > 0) {
    throw new Error(
      `${fixed.map((k) => FLAG_NAMES[k]).join(', ')} cannot be combined with --resume: the run keeps the settings it was started with (its config.json). ` +
        'Drop the flag, or start a new run. To change learning rates, clipping, budgets or steps, pass them in a --config file with --resume.',
    );
  }
  const file: UserConfig = f.config ? await loadConfigFile(f.config) : {};
  return { ...file, ...(f.backend !== undefined ? { backend: parseUserConfig({ backend: f.backend }, '--backend').backend } : {}) };
}

/** Runs the pipeline up to `until` with the common flags; sets the exit code (130 when interrupted). */
export async function runFromFlags(f: CommonFlags, until?: StageName): Promise<void> {
  if (f.resume) {
    const overrides = await resumeOverridesFromFlags(f);
    const outcome = await runPipeline({ resume: f.resume, overrides, ...(until ? { until } : {}), quiet: f.quiet ?? false });
    if (outcome.status === 'interrupted') process.exitCode = 130;
    else if (until) process.stderr.write(`\nStage '${until}' done in ${outcome.run.path}. Continue with:  girl pipeline --resume ${outcome.run.path}\n`);
    return;
  }
  const config = await configFromFlags(f);
  const outcome = await runPipeline({ config, ...(until ? { until } : {}), quiet: f.quiet ?? false });
  if (outcome.status === 'interrupted') process.exitCode = 130;
  else if (until) process.stderr.write(`\nStage '${until}' done in ${outcome.run.path}. Continue with:  girl pipeline --resume ${outcome.run.path}\n`);
}
