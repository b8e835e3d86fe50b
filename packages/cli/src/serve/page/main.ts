/**
 * The job seeker's page: loads a run's policy into the browser, writes a JD for a pasted or uploaded CV
 * token by token, then explains it and ranks the nearest real jobs — the same code paths as
 * `girl generate --explain --jobs`. Every failure is shown on the page.
 */
import '@girl/tensor/browser-gpu';
import { initBackend } from '@girl/tensor';
import type { BackendInfo, BackendName } from '@girl/tensor';
import { TEMPLATE_OVERHEAD } from '@girl/generator';
import { explainJd } from '../../generate/explain.js';
import { nearestJobs } from '../../generate/nearest-jobs.js';
import { prepareCv, truncationNotice } from './cv-text.js';
import { loadRun, PageError } from './load-run.js';
import type { LoadedRun } from './load-run.js';
import { renderExplanation, renderJobs } from './render.js';
import { streamJd } from './stream-jd.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const ui = {
  status: $<HTMLParagraphElement>('status'),
  backendNotice: $<HTMLParagraphElement>('backend-notice'),
  error: $<HTMLDivElement>('error'),
  form: $<HTMLFormElement>('form'),
  cv: $<HTMLTextAreaElement>('cv'),
  cvFile: $<HTMLInputElement>('cv-file'),
  cvNotice: $<HTMLParagraphElement>('cv-notice'),
  temperature: $<HTMLInputElement>('temperature'),
  seed: $<HTMLInputElement>('seed'),
  maxTokens: $<HTMLInputElement>('max-tokens'),
  generate: $<HTMLButtonElement>('generate'),
  regenerate: $<HTMLButtonElement>('regenerate'),
  stop: $<HTMLButtonElement>('stop'),
  jd: $<HTMLPreElement>('jd'),
  speed: $<HTMLParagraphElement>('speed'),
  copy: $<HTMLButtonElement>('copy'),
  download: $<HTMLButtonElement>('download'),
  explanation: $<HTMLDivElement>('explanation'),
  jobs: $<HTMLDivElement>('jobs'),
};

let run: LoadedRun | null = null;
let backend: BackendInfo | null = null;
let busy = false;
let stopRequested = false;

function show(node: HTMLElement, text: string | null): void {
  node.textContent = text ?? '';
  node.hidden = !text;
}

function fail(e: unknown): void {
  const message = e instanceof PageError ? e.message : `Something went wrong: ${(e as Error)?.message ?? String(e)}`;
  show(ui.error, message);
  document.body.dataset.state = 'error';
}

function setBusy(b: boolean): void {
  busy = b;
  ui.generate.disabled = b || !run;
  ui.regenerate.disabled = b || !run || !ui.jd.textContent;
  ui.stop.disabled = !b;
  ui.jd.setAttribute('aria-busy', String(b));
}

/** Reads the settings, or says which field is wrong. */
function settings(): { maxNewTokens: number; temperature: number; seed: number } {
  const ctx = run?.model.config.contextLength ?? 0;
  const maxNewTokens = Number(ui.maxTokens.value);
  if (!Number.isInteger(maxNewTokens) || maxNewTokens < 1 || ctx - maxNewTokens < TEMPLATE_OVERHEAD + 4) {
    throw new PageError(`Longest JD must be a whole number from 1 to ${ctx - TEMPLATE_OVERHEAD - 4} for this model (context ${ctx} tokens).`);
  }
  const temperature = Number(ui.temperature.value);
  if (!Number.isFinite(temperature) || temperature < 0 || temperature > 2) throw new PageError('Temperature must be a number from 0 to 2 (0: the most likely words).');
  const seed = Number(ui.seed.value);
  if (!Number.isInteger(seed) || seed < 0) throw new PageError('Seed must be a whole number, 0 or more.');
  return { maxNewTokens, temperature, seed };
}

async function writeJd(): Promise<void> {
  if (!run || busy) return;
  show(ui.error, null);
  const s = settings();
  const cv = prepareCv(ui.cv.value);
  if (!cv.text) throw new PageError('Your CV is empty. Paste your CV (or upload a .txt or .md file) with your skills and experience, then try again.');
  const { model, tokenizer, jobs } = run;
  const budget = model.config.contextLength - s.maxNewTokens - (TEMPLATE_OVERHEAD - 1);
  const cvTokens = tokenizer.encode(cv.text).length;
  const estimated = cv.cut ? Math.round((cvTokens * cv.chars) / cv.text.length) : cvTokens;
  show(ui.cvNotice, cv.cut || cvTokens > budget ? truncationNotice(cv.chars, estimated, budget) : null);
  setBusy(true);
  stopRequested = false;
  document.body.dataset.state = 'generating';
  ui.jd.textContent = '';
  ui.speed.textContent = '';
  ui.copy.disabled = ui.download.disabled = true;
  let jd = '';
  let tokens = 0;
  const t0 = performance.now();
  try {
    for await (const step of streamJd(model, tokenizer, cv.text, s)) {
      jd += step.text;
      tokens = step.tokens;
      if (step.text) ui.jd.textContent = jd;
      if (stopRequested) break;
    }
  } finally {
    setBusy(false);
  }
  const seconds = (performance.now() - t0) / 1000;
  const rate = tokens / Math.max(seconds, 1e-9);
  ui.speed.textContent = `${tokens} tokens in ${seconds.toFixed(2)} s — ${rate.toFixed(1)} tokens/s on ${backend?.name ?? '?'}${stopRequested ? ' (stopped)' : ''}.`;
  ui.copy.disabled = ui.download.disabled = !jd;
  ui.regenerate.disabled = false;
  renderExplanation(ui.explanation, explainJd(cv.text, jd));
  renderJobs(ui.jobs, nearestJobs(jd, jobs, 5), jobs.length);
  Object.assign(window, { __girlLast: { jd, tokens, seconds, tokensPerSecond: rate, backend: backend?.name } });
  document.body.dataset.state = 'done';
}

const guarded = (f: () => Promise<void> | void) => () => Promise.resolve().then(f).catch(fail);

ui.form.addEventListener('submit', (e) => {
  e.preventDefault();
  void guarded(writeJd)();
});
ui.cv.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    void guarded(writeJd)();
  }
});
ui.regenerate.addEventListener(
  'click',
  guarded(() => {
    // greedy decoding ignores the seed: regenerating switches to sampling at 0.8
    if (Number(ui.temperature.value) === 0) ui.temperature.value = '0.8';
    ui.seed.value = String((Number(ui.seed.value) || 0) + 1);
    return writeJd();
  }),
);
ui.stop.addEventListener('click', () => (stopRequested = true));
ui.copy.addEventListener(
  'click',
  guarded(async () => {
    await navigator.clipboard.writeText(ui.jd.textContent ?? '');
    ui.speed.textContent = `${ui.speed.textContent?.replace(/ Copied\.$/, '') ?? ''} Copied.`;
  }),
);
ui.download.addEventListener('click', () => {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([ui.jd.textContent ?? ''], { type: 'text/markdown' }));
  a.download = 'job-description.md';
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
});
ui.cvFile.addEventListener(
  'change',
  guarded(async () => {
    const file = ui.cvFile.files?.[0];
    if (!file) return;
    const text = await file.text();
    if (text.includes('\u0000')) throw new PageError(`${file.name} is not a text file. Upload your CV as .txt or .md (or paste it).`);
    ui.cv.value = text;
    show(ui.error, null);
  }),
);
window.addEventListener('error', (e) => fail(e.error ?? e.message));
window.addEventListener('unhandledrejection', (e) => fail(e.reason));

/** The WebGL renderer's name when it is a software one (SwiftShader, llvmpipe), else null. */
function softwareWebgl(): string | null {
  const gl = document.createElement('canvas').getContext('webgl2');
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  const renderer = gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
  return /swiftshader|llvmpipe|softpipe|software/i.test(renderer) ? renderer : null;
}

/** `?backend=` when given; else WebGPU, else hardware WebGL, else wasm — and a notice for each fallback. */
async function startBackend(): Promise<BackendInfo> {
  const asked = new URLSearchParams(location.search).get('backend') as BackendName | null;
  const options = { wasmPaths: new URL('wasm/', location.href).href };
  if (asked) return initBackend(asked, options);
  const skipped: BackendInfo['skipped'] = [];
  for (const name of ['webgpu', 'webgl'] as const) {
    const software = name === 'webgl' ? softwareWebgl() : null;
    if (software) {
      skipped.push({ name, reason: `software WebGL (${software})` });
      continue;
    }
    try {
      return { ...(await initBackend(name, options)), skipped };
    } catch (e) {
      skipped.push({ name, reason: (e as Error).message });
    }
  }
  const info = await initBackend('wasm', options);
  const what = skipped.map((s) => (s.name === 'webgpu' ? 'WebGPU' : s.reason.startsWith('software') ? 'hardware WebGL (only a software renderer, slower than WebAssembly)' : 'WebGL'));
  show(ui.backendNotice, `This browser offers no ${what.join(' and no ')} here, so the model runs on the CPU (WebAssembly): slower, same JD.`);
  return { ...info, skipped };
}

async function start(): Promise<void> {
  backend = await startBackend();
  document.body.dataset.backend = backend.name;
  ui.status.textContent = 'Loading the model…';
  run = await loadRun(new URL('.', location.href));
  const params = Object.values(run.model.params).reduce((n, v) => n + v.size, 0);
  ui.status.textContent = `Ready: run '${run.manifest.run}', ${params.toLocaleString('en')} parameters (${(run.weightBytes / 1e6).toFixed(1)} MB), on ${backend.name}${run.verified ? ', files checked against their SHA-256' : ''}; ${run.jobs.length} real jobs to compare with.`;
  document.body.dataset.state = 'ready';
  setBusy(false);
}

start().catch((e) => {
  ui.status.textContent = 'The model could not be loaded.';
  fail(e);
});
