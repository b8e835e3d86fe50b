/**
 * `girl pipeline --resume <run> --config <file>` (or `--backend`): settings that can change mid-run without
 * breaking what was trained so far are applied; any other field that differs from the run's own config is
 * refused by name, so a resumed run never silently ignores what the user asked for.
 */
import type { GirlConfig, UserConfig } from '../config.js';
import { resolveConfig } from '../config.js';

/**
 * Fields a resumed run may change: learning rates, gradient clipping, budgets, step counts, checkpoint
 * cadence and the backend. Everything else (data, model shape, tokenizer, seeds, batch sizes) defines what
 * the checkpoints are, so changing it would mix two different runs.
 */
export const SAFE_RESUME_FIELDS: readonly string[] = [
  'backend',
  'sft.learningRate',
  'sft.maxSteps',
  'sft.budgetSeconds',
  'sft.maxGradNorm',
  'reward.learningRate',
  'reward.maxSteps',
  'reward.budgetSeconds',
  'reward.maxGradNorm',
  'ppo.learningRate',
  'ppo.maxSteps',
  'ppo.budgetSeconds',
  'ppo.saveSteps',
  'ppo.maxGradNorm',
  'augment.budgetSeconds',
];

/** Thrown when a resume asks to change a field that is not safe to change. */
export class ResumeOverrideError extends Error {
  override name = 'ResumeOverrideError';
}

/** Dotted paths of the leaves of a user config (`{ sft: { learningRate: 1 } }` → `['sft.learningRate']`). */
export function leafPaths(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => {
    if (v === undefined) return [];
    const path = prefix ? `${prefix}.${k}` : k;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? leafPaths(v as object, path) : [path];
  });
}

function get(o: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((x, k) => (x !== null && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), o);
}

/**
 * The run's config with the overrides applied.
 *
 * @returns the new config and the fields that changed (`sft.learningRate: 0.002 → 0.001`).
 * @throws ResumeOverrideError naming every field that differs from the run's and may not change.
 * @example
 * ```ts
 * const { config, changed } = applyResumeOverrides(runConfig, { sft: { learningRate: 1e-3 } });
 * ```
 */
export function applyResumeOverrides(run: GirlConfig, overrides: UserConfig): { config: GirlConfig; changed: string[] } {
  const asked = leafPaths(overrides).filter((p) => JSON.stringify(get(overrides, p)) !== JSON.stringify(get(run, p)));
  const refused = asked.filter((p) => !SAFE_RESUME_FIELDS.includes(p));
  if (refused.length > 0) {
    throw new ResumeOverrideError(
      `--resume cannot change ${refused.map((p) => `${p} (run: ${JSON.stringify(get(run, p))}, asked: ${JSON.stringify(get(overrides, p))})`).join(', ')}: ` +
        `it defines what the run's checkpoints are. Start a new run for that, or drop the field. Fields a resume may change: ${SAFE_RESUME_FIELDS.join(', ')}.`,
    );
  }
  if (asked.length === 0) return { config: run, changed: [] };
  const layer: Record<string, Record<string, unknown> | unknown> = {};
  for (const p of asked) {
    const [head, leaf] = p.split('.') as [string, string | undefined];
    if (leaf === undefined) layer[head] = get(overrides, p);
    else layer[head] = { ...((layer[head] as Record<string, unknown>) ?? {}), [leaf]: get(overrides, p) };
  }
  const config = resolveConfig(run as unknown as UserConfig, layer as UserConfig);
  return { config, changed: asked.map((p) => `${p}: ${JSON.stringify(get(run, p))} → ${JSON.stringify(get(config, p))}`) };
}
