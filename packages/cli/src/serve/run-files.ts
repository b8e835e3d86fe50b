/**
 * What `girl serve` puts in front of the page: a run's exported policy (config, weights, tokenizer as
 * they are on disk, bytes untouched) and a job index, named by the page's fixed URLs. A run without an
 * exported policy is still served: the manifest says what is missing and how to fix it.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { loadPipelineData } from '../data-input.js';
import type { GirlConfig } from '../config.js';
import { verifyChecksums } from '@girl/generator';
import { loadJobs } from '../generate/ground.js';
import { toF16Safetensors } from './f16-weights.js';
import { PAGE_FILES, PAGE_MANIFEST_FORMAT, PAGE_MANIFEST_VERSION } from './page-manifest.js';
import type { PageJob, PageManifest } from './page-manifest.js';

/** Most jobs shipped to the page: TF-IDF over more is slow in a phone's browser and heavy to download. */
export const MAX_PAGE_JOBS = 2000;

/** The files of a served run: page URL path → a file on disk or bytes made here. */
export interface RunFiles {
  manifest: PageManifest;
  files: Map<string, { path: string } | { bytes: Uint8Array }>;
}

/** The title of a JD: its "Job Title" section's first line, else its first line that is not a heading. */
function jdTitle(text: string): string | null {
  const m = /^#+\s*job title\s*\n+\s*([^\n#][^\n]*)/im.exec(text);
  const line = m?.[1] ?? text.split('\n').find((l) => l.trim() && !l.trim().startsWith('#'));
  return line ? line.trim().slice(0, 120) : null;
}

/** The run's own real JDs (train and eval, distinct), as the pipeline loads its data. */
async function runJobs(run: string): Promise<PageJob[]> {
  const config = JSON.parse(await readFile(join(run, 'config.json'), 'utf8')) as GirlConfig;
  const data = await loadPipelineData(config);
  const seen = new Set<string>();
  const jobs: PageJob[] = [];
  for (const ex of [...data.sftTrain, ...data.sftEval]) {
    if (seen.has(ex.jd)) continue;
    seen.add(ex.jd);
    jobs.push({ id: String(jobs.length + 1), title: jdTitle(ex.jd), text: ex.jd });
  }
  return jobs;
}

/**
 * Collects a run's page files. Jobs come from `jobsFile` when given (any format `girl generate --jobs`
 * reads), else from the run's own data; at most {@link MAX_PAGE_JOBS}. `f16`: weights re-encoded as F16.
 *
 * @throws Error when `run` is not a folder, or `jobsFile` cannot be read (the message names it).
 */
export async function collectRunFiles(runDir: string, jobsFile?: string, options: { f16?: boolean } = {}): Promise<RunFiles> {
  const run = resolve(runDir);
  if (!existsSync(run)) throw new Error(`--run ${runDir}: no such folder. Pass a run folder made by 'girl pipeline' (runs/<id>).`);
  const files: RunFiles['files'] = new Map();
  const policy = join(run, 'ppo', 'policy');
  const missing = ['config.json', 'model.safetensors', 'tokenizer.girl.json'].filter((f) => !existsSync(join(policy, f)));
  let problem: string | null = null;
  if (missing.length > 0) {
    problem =
      `This run has no exported policy: ${missing.map((f) => `ppo/policy/${f}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing in '${basename(run)}'. ` +
      `Finish the run with 'girl pipeline --resume ${runDir}', then reload this page.`;
  } else {
    files.set(PAGE_FILES.config, { path: join(policy, 'config.json') });
    const weights = join(policy, 'model.safetensors');
    if (options.f16) {
      // the F16 bytes cannot match the export's checksums: check the F32 files here, before converting
      try {
        await verifyChecksums(policy);
        files.set(PAGE_FILES.weights, { bytes: toF16Safetensors(new Uint8Array(await readFile(weights)), weights) });
      } catch (e) {
        problem = `The model files are damaged: ${(e as Error).message.replace(/^loadModel: /, '').split(run).join(basename(run))} (found by girl serve --f16)`;
      }
    } else {
      files.set(PAGE_FILES.weights, { path: weights });
      if (existsSync(join(policy, 'checksums.sha256'))) files.set(PAGE_FILES.checksums, { path: join(policy, 'checksums.sha256') });
    }
    files.set(PAGE_FILES.tokenizer, { path: join(policy, 'tokenizer.girl.json') });
  }
  let jobs: PageJob[] = [];
  let source = 'none';
  if (jobsFile) {
    jobs = await loadJobs(jobsFile);
    source = basename(jobsFile);
  } else if (existsSync(join(run, 'config.json'))) {
    jobs = await runJobs(run).catch(() => []); // data moved or gone: the page says there is no job index
    source = jobs.length ? "the run's training data" : 'none';
  }
  jobs = jobs.slice(0, MAX_PAGE_JOBS).map((j) => ({ id: j.id, title: j.title, text: j.text }));
  files.set(PAGE_FILES.jobs, { bytes: new TextEncoder().encode(JSON.stringify(jobs)) });
  const manifest: PageManifest = {
    format: PAGE_MANIFEST_FORMAT,
    version: PAGE_MANIFEST_VERSION,
    run: basename(run),
    model: problem ? null : 'ppo/policy',
    problem,
    checksums: files.has(PAGE_FILES.checksums),
    jobs: { count: jobs.length, source },
  };
  return { manifest, files };
}
