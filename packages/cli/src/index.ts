/**
 * @girl/cli — the `girl` command and the pipeline behind it (SFT → reward model → PPO → augmentation),
 * usable as a library too: `runPipeline`, the config schema, the data selection and the report.
 *
 * This entry is the public API. Steps `runPipeline` takes by itself (checking a run id, applying resume
 * overrides, building the summary) live in `@girl/cli/internal`, outside the semver promise.
 * @packageDocumentation
 */
import { version } from '../package.json';

/** This package's version, taken from its package.json when it is built (the bundler inlines it). */
export const VERSION: string = version;

export { BACKENDS, ConfigError, PRESET_NAMES, configSchema, loadConfigFile, parseUserConfig, presetDefaults, resolveConfig, userConfigSchema } from './config.js';
export type { GirlConfig, PresetName, UserConfig } from './config.js';
export { DataInputError, loadPipelineData } from './data-input.js';
export type { LabelledExample, PipelineData, SftExample } from './data-input.js';
export { runPipeline } from './pipeline/run-pipeline.js';
export type { PipelineOutcome, RunPipelineOptions } from './pipeline/run-pipeline.js';
export { RunDir, RunDirError, STAGES, readMetrics } from './pipeline/run-dir.js';
export { RunLockedError } from './pipeline/run-lock.js';
export type { RunLockInfo } from './pipeline/run-lock.js';
export { ResumeOverrideError, SAFE_RESUME_FIELDS } from './pipeline/resume-overrides.js';
export type { MetricRecord, RunState, StageName } from './pipeline/run-dir.js';
export { formatSummaryTable } from './pipeline/summary.js';
export type { RunSummary } from './pipeline/summary.js';
export { InterruptedError } from './pipeline/interrupt.js';
export { renderReport } from './report/html-report.js';
export type { ReportInput } from './report/html-report.js';
export { lineChart } from './report/svg-chart.js';
export type { ChartOptions, Series } from './report/svg-chart.js';
export { explainJd, formatExplanation } from './generate/explain.js';
export type { ExplainedItem, Explanation } from './generate/explain.js';
export { loadJobs, nearestJobs } from './generate/ground.js';
export type { Job } from './generate/ground.js';
