/**
 * Synthetic-market evaluation of SFT (the README's quality numbers).
 *
 *   cd packages/generator && flock /tmp/bench.lock npx tsx scripts/eval-synthetic.ts [--people 600] [--epochs 3]
 *
 * Trains the `tiny` preset on CV → JD pairs of @girl/data's synthetic market (`--backend`, default auto), then on
 * people it never saw: validation loss and perplexity vs a unigram baseline, and greedy JDs for held-out
 * CVs, checked by the market's oracle (does the JD name the CV's occupation?). Prints one JSON line.
 */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { initBackend, type BackendName } from '@girl/tensor';
import { Tokenizer } from '@girl/tokenizer';
import { createJobMarket } from '@girl/data';
import { GPT, PRESETS, encodeSftExample, generateJd, targetIds, trainSft, unigramCrossEntropy, countParameters } from '../src/index.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const people = arg('people', 1000);
const heldOut = arg('held-out', 100);
const epochs = arg('epochs', 7);
const seed = arg('seed', 1);
const vocabSize = arg('vocab', 2000);
const maxNewTokens = arg('max-new', 128);

const t0 = Date.now();
await initBackend(backendArg());
const market = createJobMarket({ seed, people });
const pairs = market.sftPairs; // one per person, person ids distinct: a split by index is a split by person
const train = pairs.slice(0, people - heldOut);
const test = pairs.slice(people - heldOut);
const valid = test.slice(0, heldOut / 2); // validation loss / early stopping
const evalSet = test.slice(heldOut / 2); // generation quality, never seen by any decision

const tok = Tokenizer.train(train.flatMap((p) => [p.cv, p.jd]), { vocabSize });
const model = GPT.create({ vocabSize: tok.vocabSize, ...PRESETS.tiny }, { seed });
const ckpt = await mkdtemp(join(tmpdir(), 'girl-eval-synth-'));
const log: string[] = [];
const result = await trainSft({
  model,
  tokenizer: tok,
  train,
  valid,
  config: { numTrainEpochs: epochs, perDeviceTrainBatchSize: 8, learningRate: 2e-3, evalSteps: 100, seed, checkpointDir: ckpt, metricsFile: join(ckpt, 'metrics.jsonl'), earlyStoppingPatience: 4 },
  events: {
    onEval: (e) => {
      const line = `step ${e.step} val ${e.valLoss.toFixed(4)} ppl ${e.valPerplexity.toFixed(2)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`;
      log.push(line);
      console.error(line);
    },
  },
});
const trainSeconds = (Date.now() - t0) / 1000;

// unigram baseline on the same targets
const enc = (ps: typeof train) => ps.map((p) => encodeSftExample(tok, p, { maxLength: model.config.contextLength }));
const unigram = unigramCrossEntropy(targetIds(enc(train)), targetIds(enc(valid)), tok.vocabSize);

// generation for held-out CVs: greedy, KV cache, batches of 10
let named = 0;
let namedAnywhere = 0;
let fits = 0;
const samples: { cv: string; occupation: string; generated: string }[] = [];
const g0 = Date.now();
for (let i = 0; i < evalSet.length; i += 10) {
  const chunk = evalSet.slice(i, i + 10);
  const out = generateJd(model, tok, chunk.map((p) => p.cv), { maxNewTokens });
  chunk.forEach((p, j) => {
    const text = out.texts[j] as string;
    if (market.occupationOf(text) === p.occupation) named++;
    if (market.occupationsIn(text).includes(p.occupation)) namedAnywhere++;
    if (market.fit(p.cv, text).fits) fits++;
    if (samples.length < 2) samples.push({ cv: p.cv, occupation: p.occupation, generated: text });
  });
}
const genSeconds = (Date.now() - g0) / 1000;
const summary = {
  eval: 'synthetic-market',
  command: 'flock /tmp/bench.lock npx tsx scripts/eval-synthetic.ts',
  data: { people, train: train.length, valid: valid.length, heldOutGenerated: evalSet.length, seed },
  model: { preset: 'tiny', vocabSize: tok.vocabSize, parameters: countParameters(model.config) },
  training: { steps: result.steps, reason: result.reason, seconds: Math.round(trainSeconds), truncated: result.data },
  validLoss: result.bestValLoss,
  validPerplexity: result.bestValLoss === null ? null : Math.exp(result.bestValLoss),
  unigramLoss: unigram,
  unigramPerplexity: Math.exp(unigram),
  occupationNamedAsTitle: named / evalSet.length,
  occupationNamedAnywhere: namedAnywhere / evalSet.length,
  oracleFit: fits / evalSet.length,
  generationSeconds: Math.round(genSeconds),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadavg: (await import('node:os')).loadavg().map((x) => +x.toFixed(2)) },
  date: new Date().toISOString(),
};
console.log(JSON.stringify(summary));
console.error(`\n--- sample (occupation ${samples[0]?.occupation}) ---\nCV:\n${samples[0]?.cv}\n\nGENERATED JD:\n${samples[0]?.generated}`);
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
await writeFile(new URL('./results/eval-synthetic.json', import.meta.url), `${JSON.stringify({ ...summary, evals: log, samples }, null, 2)}\n`);

/** `--backend NAME` (default `auto`: native where its kernels were built, else wasm). */
function backendArg(): BackendName {
  const i = process.argv.indexOf('--backend');
  return (i >= 0 ? process.argv[i + 1] : 'auto') as BackendName;
}
