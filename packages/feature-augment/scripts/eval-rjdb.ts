/**
 * RJDB test figures of the with/without comparison (whatever they are).
 *
 *   cd packages/feature-augment && flock /tmp/bench.lock npx tsx scripts/eval-rjdb.ts [--generator <sft checkpoint dir>] [--epochs 2] [--seeds 1,2,3]
 *
 * Data: ../shared/data/rjdb/{train,test}.jsonl (Megagon Labs, CC BY-SA 4.0; never copied here; the script
 * prints why it skips when absent). Pairs: each row's matched CV (label 1) and unmatched CV (label 0,
 * RJDB's hard negative) with its JD. Every test CV is a new person, so the test split is cold-start by
 * construction; ranking queries are the JDs (two CVs each), so Recall@1 is the pairwise accuracy.
 * Generator: `--generator` loads an SFT checkpoint trained on RJDB train (the README's figures used the one
 * packages/generator/scripts/eval-rjdb.ts --epochs 3 trains); otherwise the tiny preset is
 * trained here (context 512, `--epochs`, checkpoint in scripts/.cache/generator-rjdb). JDs for every CV
 * are generated greedily and cached. Skills come from a vocabulary of the train rows' `Skills` fields;
 * RJDB has no JD parser, so only text features are used.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPhraseMatcher, loadRjdb, rjdbToPairs, rjdbToSftPairs } from '@girl/data';
import type { LabelledPair } from '@girl/data';
import { GPT, PRESETS, loadModelFromCheckpoint, trainSft } from '@girl/generator';
import { activeBackend, initBackend } from '@girl/tensor';
import { Tokenizer } from '@girl/tokenizer';
import { FeatureExtractor, JdCache, evaluateAugmentation, fingerprintModel, formatReport, generatorFn, logisticRecommender, pjfnnRecommender } from '../src/index.js';
import type { LabelledSet } from '../src/index.js';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] as string) : def;
};
const here = fileURLToPath(new URL('.', import.meta.url));
const dir = resolve(process.env['RJDB_DIR'] ?? join(here, '../../../../shared/data/rjdb'));
if (!existsSync(join(dir, 'train.jsonl')) || !existsSync(join(dir, 'test.jsonl'))) {
  console.log(JSON.stringify({ eval: 'feature-augment rjdb', skipped: `RJDB not found in ${dir} (set RJDB_DIR)` }));
  process.exit(0);
}
const seeds = arg('seeds', '1,2,3').split(',').map(Number);
const epochs = Number(arg('epochs', '2'));
const maxNewTokens = Number(arg('max-new', '160'));
const log = (s: string) => console.error(s);
const t0 = Date.now();
await initBackend('auto');
const trainRows = await loadRjdb(join(dir, 'train.jsonl'));
const testRows = await loadRjdb(join(dir, 'test.jsonl'));

// 1. the generator
let ckptDir = arg('generator', '');
if (!ckptDir) {
  ckptDir = join(here, '.cache', 'generator-rjdb');
  if (!existsSync(join(ckptDir, 'best', 'manifest.json'))) {
    const sft = rjdbToSftPairs(trainRows);
    const nValid = Math.round(sft.length * 0.1);
    const tok = Tokenizer.train(sft.slice(0, -nValid).flatMap((p) => [p.cv, p.jd]), { vocabSize: 4000 });
    const model = GPT.create({ vocabSize: tok.vocabSize, ...PRESETS.tiny, contextLength: 512 }, { seed: 1 });
    await trainSft({
      model,
      tokenizer: tok,
      train: sft.slice(0, -nValid),
      valid: sft.slice(-nValid),
      config: { numTrainEpochs: epochs, perDeviceTrainBatchSize: 8, learningRate: 2e-3, evalSteps: 40, checkpointDir: ckptDir, earlyStoppingPatience: 3, seed: 1, resume: 'auto' },
      events: { onEval: (e) => log(`sft step ${e.step} val ${e.valLoss.toFixed(4)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`) },
    });
  }
  ckptDir = join(ckptDir, 'best');
}
const { model, tokenizer, state } = await loadModelFromCheckpoint(ckptDir);

// 2. JDs for every CV (cached)
const toSet = (pairs: readonly LabelledPair[]): LabelledSet => ({
  pairs: pairs.map((p, i) => ({ cvId: p.group ?? `row-${i}`, cv: p.cv, jdId: `${p.group}:${p.label}`, jd: p.jd })),
  labels: pairs.map((p) => p.label),
});
const train = toSet(rjdbToPairs(trainRows));
const test = toSet(rjdbToPairs(testRows));
const settings = { maxNewTokens, doSample: false };
const cache = await JdCache.open({ file: join(here, '.cache', 'jds-rjdb.jsonl'), modelId: fingerprintModel(model), settings });
const cvs = [...new Set([...train.pairs, ...test.pairs].map((p) => p.cv))];
const g0 = Date.now();
await cache.generate(cvs, generatorFn(model, tokenizer, settings), {
  batchSize: 8,
  onProgress: (p) => {
    if (p.done % 40 === 0 || p.done === p.missing) log(`generated ${p.done}/${p.missing} (${p.hits} cached, ${((Date.now() - g0) / 1000).toFixed(0)} s)`);
  },
});
const generated = cache.toMap(cvs);

// 3. with / without
const skills = createPhraseMatcher([...new Set(trainRows.flatMap((r) => r.skills))]);
const report = await evaluateAugmentation({
  seeds,
  splits: () => ({ train, heldOut: test, coldStart: test }),
  generated,
  extractor: (tr) => new FeatureExtractor({ corpus: tr.pairs.flatMap((p) => [p.cv, p.jd]), extractSkills: (t) => skills.find(t) }),
  recommenders: [logisticRecommender(), pjfnnRecommender({ maxWords: 160, useFeatures: true })],
  k: 1,
  onProgress: (e) => log(`seed ${e.seed} ${e.recommender} ${e.variant}: test AUC ${e.metrics.heldOut.auc.toFixed(4)}`),
});
const pick = (name: string) => {
  const t = report.summary[name]?.heldOut;
  return t && { base: t.base, augmented: t.augmented, delta: t.delta };
};
const summary = {
  eval: 'feature-augment rjdb',
  command: 'cd packages/feature-augment && flock /tmp/bench.lock npx tsx scripts/eval-rjdb.ts',
  data: { train: train.pairs.length, test: test.pairs.length, seeds, note: 'every test CV is unseen (cold start); queries are JDs with 2 CVs, so Recall@1 = pairwise accuracy' },
  generator: { checkpoint: ckptDir, step: state.step, contextLength: model.config.contextLength, settings, generateSeconds: Math.round((Date.now() - g0) / 1000) },
  test: { 'logistic-regression': pick('logistic-regression'), 'pjfnn+features': pick('pjfnn+features') },
  seconds: Math.round((Date.now() - t0) / 1000),
  machine: { backend: activeBackend(), cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadavg: loadavg().map((x) => +x.toFixed(2)) },
  date: new Date().toISOString(),
};
console.log(JSON.stringify(summary));
const md = formatReport(report).split('\n').filter((l) => !l.includes('| cold-start |')).join('\n');
console.error(`\n${md}`);
await mkdir(join(here, 'results'), { recursive: true });
await writeFile(join(here, 'results', 'eval-rjdb.json'), `${JSON.stringify({ ...summary, report }, null, 2)}\n`);
await writeFile(join(here, 'results', 'eval-rjdb.md'), `${md}\n`);
