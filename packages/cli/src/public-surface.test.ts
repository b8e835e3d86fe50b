import { describe, expect, it } from 'vitest';
import * as api from './index.js';
import * as internal from './internal.js';

describe('public surface', () => {
  it('the main entry holds the library API the README documents', () => {
    const documented = [
      'VERSION', 'resolveConfig', 'runPipeline', 'configSchema', 'userConfigSchema', 'presetDefaults', 'loadPipelineData', 'RunDir',
      'readMetrics', 'renderReport', 'lineChart', 'explainJd', 'nearestJobs', 'SAFE_RESUME_FIELDS', 'ResumeOverrideError', 'formatSummaryTable',
    ];
    for (const name of documented) expect(api, name).toHaveProperty(name);
  });

  it("runPipeline's own steps are only in @girl/cli/internal", () => {
    expect(Object.keys(internal).sort()).toEqual(['applyResumeOverrides', 'buildSummary', 'validateRunId']);
    const pub = new Set(Object.keys(api));
    for (const name of Object.keys(internal)) expect(pub.has(name), `${name} is internal`).toBe(false);
  });
});
