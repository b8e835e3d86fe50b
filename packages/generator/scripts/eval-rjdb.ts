/**
 * RJDB evaluation of SFT (the README's RJDB numbers): train on ../shared/data/rjdb/train.jsonl (10% held
 * out for early stopping), report perplexity on test.jsonl and ROUGE-L of greedy JDs for test CVs
 * against the reference JDs. Prints one JSON line. Skips (exit 0, reason printed) when RJDB is absent.
 *
 *   cd packages/generator && flock /tmp/bench.lock npx tsx scripts/eval-rjdb.ts [--epochs 2] [--generate 40]
 */
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { initBackend, type BackendName } from '@girl/tensor';
import { Tokenizer } from '@girl/tokenizer';
import { loadRjdb, rjdbToSftPairs } from '@girl/data';
import { GPT, PRESETS, collate, encodeSftExample, evaluateLoss, generateJd, lengthGroupedBatches, meanRougeL, targetIds, trainSft, unigramCrossEntropy } from '../src/index.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const dir = resolve(process.env['RJDB_DIR'] ?? new URL('../../../../shared/data/rjdb', import.meta.url).pathname);
if (!existsSync(join(dir, 'train.jsonl')) || !existsSync(join(dir, 'test.jsonl'))) {
  console.log(JSON.stringify({ eval: 'rjdb', skipped: `RJDB not found in ${dir} (set RJDB_DIR)` }));
  process.exit(0);
}
const epochs = arg('epochs', 2);
const nGenerate = arg('generate', 40);
const contextLength = arg('context', 512);
const maxNewTokens = arg('max-new', 256);
const vocabSize = arg('vocab', 4000);

const t0 = Date.now();
await initBackend(backendArg());
const all = rjdbToSftPairs(await loadRjdb(join(dir, 'train.jsonl')));
const test = rjdbToSftPairs(await loadRjdb(join(dir, 'test.jsonl')));
const nValid = Math.round(all.length * 0.1);
const valid = all.slice(all.length - nValid);
const train = all.slice(0, all.length - nValid);

const tok = Tokenizer.train(train.flatMap((p) => [p.cv, p.jd]), { vocabSize });
const model = GPT.create({ vocabSize: tok.vocabSize, ...PRESETS.tiny, contextLength }, { seed: 1 });
const ckpt = await mkdtemp(join(tmpdir(), 'girl-eval-rjdb-'));
const log: string[] = [];
const result = await trainSft({
  model,
  tokenizer: tok,
  train,
  valid,
  config: { numTrainEpochs: epochs, perDeviceTrainBatchSize: 8, learningRate: 2e-3, evalSteps: 40, checkpointDir: ckpt, earlyStoppingPatience: 3, seed: 1 },
  events: {
    onEval: (e) => {
      const line = `step ${e.step} val ${e.valLoss.toFixed(4)} ppl ${e.valPerplexity.toFixed(2)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`;
      log.push(line);
      console.error(line);
    },
  },
});
const trainSeconds = (Date.now() - t0) / 1000;

// test perplexity over the JD tokens (+ EOS), CVs cut head + tail as in training
const testEx = test.map((p) => encodeSftExample(tok, p, { maxLength: contextLength }));
const testLoss = evaluateLoss(model, lengthGroupedBatches(testEx.map((e) => e.ids.length), 16, null).map((ix) => collate(ix.map((i) => testEx[i]!), tok.padId!)));

const trainEx = train.map((p) => encodeSftExample(tok, p, { maxLength: contextLength }));
const unigram = unigramCrossEntropy(targetIds(trainEx), targetIds(testEx), tok.vocabSize);

// ROUGE-L of greedy JDs for the first nGenerate test CVs
const g0 = Date.now();
const gen: string[] = [];
const refs = test.slice(0, nGenerate).map((p) => p.jd);
for (let i = 0; i < nGenerate; i += 8) {
  const out = generateJd(model, tok, test.slice(i, Math.min(i + 8, nGenerate)).map((p) => p.cv), { maxNewTokens, repetitionPenalty: 1.1 });
  gen.push(...out.texts);
}
const rouge = meanRougeL(gen, refs);
// reference point: an unrelated real JD (training row i) as the "generated" JD for test CV i
const rougeUnrelatedJd = meanRougeL(train.slice(0, refs.length).map((p) => p.jd), refs);
const summary = {
  eval: 'rjdb',
  command: 'flock /tmp/bench.lock npx tsx scripts/eval-rjdb.ts',
  data: { train: train.length, valid: valid.length, test: test.length, generated: gen.length, truncated: result.data, testJdTruncated: testEx.filter((e) => e.jdTruncated > 0).length },
  model: { preset: 'tiny', contextLength, vocabSize: tok.vocabSize, parameters: model.numParameters },
  training: { epochs, steps: result.steps, reason: result.reason, seconds: Math.round(trainSeconds) },
  validLoss: result.bestValLoss,
  testLoss,
  testPerplexity: Math.exp(testLoss),
  unigramTestLoss: unigram,
  unigramTestPerplexity: Math.exp(unigram),
  rougeL: rouge,
  rougeLUnrelatedRealJd: rougeUnrelatedJd,
  decoding: { greedy: true, repetitionPenalty: 1.1, maxNewTokens },
  generationSeconds: Math.round((Date.now() - g0) / 1000),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadavg: loadavg().map((x) => +x.toFixed(2)) },
  date: new Date().toISOString(),
};
console.log(JSON.stringify(summary));
console.error(`\n--- sample ---\nGENERATED:\n${gen[0]}\n\nREFERENCE:\n${refs[0]}`);
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
await writeFile(new URL('./results/eval-rjdb.json', import.meta.url), `${JSON.stringify({ ...summary, evals: log, sample: { generated: gen[0], reference: refs[0] } }, null, 2)}\n`);

/** `--backend NAME` (default `auto`: native where its kernels were built, else wasm). */
function backendArg(): BackendName {
  const i = process.argv.indexOf('--backend');
  return (i >= 0 ? process.argv[i + 1] : 'auto') as BackendName;
}
