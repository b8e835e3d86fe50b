// The `micro` pipeline on the webgpu backend, for `npm run test:webgpu`. Prints one JSON line:
// {"seconds": n, "sftEvalLoss": n, "rewardAuc": n, "until": "...", "backend": "..."}.
// Env: GIRL_WEBGPU_PIPELINE_UNTIL  last stage (default `augment`: the whole pipeline)
//      GIRL_WEBGPU_PIPELINE_OUT    folder for the run (default: a fresh temporary folder)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig, runPipeline } from '@girl/cli';
import { releaseWebgpu } from '@girl/tensor';

const until = process.env.GIRL_WEBGPU_PIPELINE_UNTIL ?? 'augment';
const out = process.env.GIRL_WEBGPU_PIPELINE_OUT ?? mkdtempSync(join(tmpdir(), 'girl-webgpu-'));
const t0 = performance.now();
const { summary } = await runPipeline({ config: resolveConfig({ preset: 'micro', backend: 'webgpu', out, runId: 'webgpu-micro' }), until, quiet: true });
const line = {
  seconds: Math.round((performance.now() - t0) / 100) / 10,
  sftEvalLoss: summary.sft?.evalLoss ?? null,
  rewardAuc: summary.reward?.auc ?? null,
  until,
  backend: summary.backend,
  run: join(out, 'webgpu-micro'),
};
releaseWebgpu();
console.log(JSON.stringify(line));
