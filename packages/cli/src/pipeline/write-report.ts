/** Writes `summary.json` and `report.html` for a run (also after a partial run). */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { renderReport } from '../report/html-report.js';
import type { PpoSamples } from './stage-ppo.js';
import { readMetrics } from './run-dir.js';
import type { RunDir } from './run-dir.js';
import { buildSummary } from './summary.js';
import { runFigures } from './run-figures.js';
import type { RunSummary } from './summary.js';
import { writeFileAtomic } from '@girl/core/node';

/** Builds and writes the summary and the report; returns the summary. */
export async function writeSummaryAndReport(run: RunDir, preset: string, data: RunSummary['data'], config: unknown): Promise<RunSummary> {
  const summary = buildSummary(run, preset, data);
  summary.figures = runFigures(summary, config);
  await run.writeJson('summary.json', summary);
  const metrics = await readMetrics(run.file('metrics.jsonl'));
  const samplesFile = run.file('ppo', 'samples.json');
  const samples = existsSync(samplesFile) ? (JSON.parse(await readFile(samplesFile, 'utf8')) as PpoSamples).samples : [];
  await writeFileAtomic(run.file('report.html'), renderReport({ summary, metrics, samples, config }));
  return summary;
}
