/**
 * Benchmark of @girl/generator (`--backend`, default auto: native where built, else wasm): SFT training tokens/s of the `tiny` preset and
 * generation tokens/s at batch 1 and 8, with and without the KV cache, 128 new tokens after a
 * 128-token CV prompt (context 256). Prints one JSON line.
 *
 *   npm run bench -w @girl/generator      (runs under flock /tmp/bench.lock)
 */
import { cpus, loadavg } from 'node:os';
import { initBackend, type BackendName } from '@girl/tensor';
import { Tokenizer } from '@girl/tokenizer';
import { createJobMarket } from '@girl/data';
import { GPT, PRESETS, generate, sftPrompt, trainSft } from '../src/index.js';

const info = await initBackend(backendArg());
const market = createJobMarket({ seed: 1, people: 200 });
const tok = Tokenizer.train(market.sftPairs.flatMap((p) => [p.cv, p.jd]), { vocabSize: 2000 });
const model = GPT.create({ vocabSize: tok.vocabSize, ...PRESETS.tiny }, { seed: 1 });

// 1. training: 12 SFT steps of batch 8 (length-grouped, dynamic padding); the first 2 are warm-up
const rates: number[] = [];
let realTokens = 0;
let seconds = 0;
await trainSft({
  model,
  tokenizer: tok,
  train: market.sftPairs.slice(0, 160),
  config: { maxSteps: 12, perDeviceTrainBatchSize: 8, evalSteps: 0 },
  events: {
    onStep: (e) => {
      if (e.step <= 2) return;
      rates.push(e.tokensPerSecond);
      realTokens += e.tokens;
      seconds += e.tokens / e.tokensPerSecond;
    },
  },
});
const trainTokensPerSecond = realTokens / seconds;

// 2. generation: 128-token prompts (CVs cut head + tail), 128 new tokens, EOS ignored so every run is 128 steps
const MAX_NEW = 128;
const prompts = market.sftPairs.slice(160, 168).map((p) => sftPrompt(tok, `${p.cv}\n${p.cv}`, { maxPromptTokens: 128 }));
function genRate(batch: number, useCache: boolean): number {
  const ps = prompts.slice(0, batch);
  generate(model, tok, ps, { maxNewTokens: 4, useCache, stopAtEos: false }); // warm-up
  const t0 = performance.now();
  const out = generate(model, tok, ps, { maxNewTokens: MAX_NEW, useCache, stopAtEos: false });
  const s = (performance.now() - t0) / 1000;
  return out.tokens.reduce((n, t) => n + t.length, 0) / s;
}
const gen = {
  batch1Cached: genRate(1, true),
  batch1Uncached: genRate(1, false),
  batch8Cached: genRate(8, true),
  batch8Uncached: genRate(8, false),
};
const r = (x: number) => Math.round(x * 10) / 10;
console.log(
  JSON.stringify({
    bench: '@girl/generator',
    backend: `${info.name} (${info.threads} thread)`,
    model: { preset: 'tiny', vocab: tok.vocabSize, parameters: model.numParameters },
    train: { tokensPerSecond: r(trainTokensPerSecond), batch: 8, steps: rates.length, meanTokensPerStep: Math.round(realTokens / rates.length) },
    generate: {
      promptTokens: 128,
      newTokens: MAX_NEW,
      tokensPerSecond: Object.fromEntries(Object.entries(gen).map(([k, v]) => [k, r(v)])),
      cacheSpeedup: { batch1: r(gen.batch1Cached / gen.batch1Uncached), batch8: r(gen.batch8Cached / gen.batch8Uncached) },
    },
    machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, loadavg: loadavg().map((x) => r(x)) },
    date: new Date().toISOString(),
  }),
);

/** `--backend NAME` (default `auto`: native where its kernels were built, else wasm). */
function backendArg(): BackendName {
  const i = process.argv.indexOf('--backend');
  return (i >= 0 ? process.argv[i + 1] : 'auto') as BackendName;
}
