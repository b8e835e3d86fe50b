/**
 * @girl/cli/internal — steps `runPipeline` takes by itself that a user of the library does not call:
 * checking a `--run-id`, merging the settings a resumed run may change into its saved config, and building
 * the run summary from a run folder (`runPipeline` returns it already). For tests and scripts; any release
 * may change them (not covered by semver).
 * @packageDocumentation
 */
export { validateRunId } from './pipeline/run-dir.js';
export { applyResumeOverrides } from './pipeline/resume-overrides.js';
export { buildSummary } from './pipeline/summary.js';
