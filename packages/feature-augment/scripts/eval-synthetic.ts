/**
 * GIRL's payoff on the synthetic market: does a recommender get better with generated-JD features?
 *
 *   cd packages/feature-augment && flock /tmp/bench.lock npx tsx scripts/eval-synthetic.ts [--people 500] [--pairs 4000] [--seeds 1,2,3] [--embed]
 *
 * 1. trains (or loads from scripts/.cache/generator) the tiny generator by SFT on another market's people
 *    (seed 101; see train-generator.ts), so no evaluated person was seen in SFT;
 * 2. generates a JD for every CV of the evaluation market (seed 2), greedy, cached in
 *    scripts/.cache/jds-synthetic.jsonl by model fingerprint + settings (a re-run reads them);
 * 3. compares logistic regression and the PJFNN-style model with and without generated-JD features on
 *    held-out and cold-start splits over the seeds; and, for logistic regression, the same with text
 *    features only (no JD parser), with the market's own matched JD (ORACLE upper bound), and with the
 *    generated JDs shuffled across CVs (control: same JDs, wrong person).
 * Prints one JSON line; writes scripts/results/eval-synthetic.{json,md}.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '@girl/core';
import { createJobMarket } from '@girl/data';
import { activeBackend, initBackend } from '@girl/tensor';
import { JdCache, evaluateMarketAugmentation, fingerprintModel, formatReport, generatorFn, gptEmbedder, logisticRecommender, mlpRecommender, oracleGenerateFn, pjfnnRecommender } from '../src/index.js';
import type { MarketAugmentationResult } from '../src/index.js';
import { GENERATOR_MARKET_SEED, trainOrLoadGenerator } from './train-generator.js';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] as string) : def;
};
const people = Number(arg('people', '500'));
const pairs = Number(arg('pairs', '4000'));
const seeds = arg('seeds', '1,2,3').split(',').map(Number);
const marketSeed = Number(arg('market-seed', '2'));
const maxNewTokens = Number(arg('max-new', '128'));
const withEmbed = process.argv.includes('--embed');
const here = fileURLToPath(new URL('.', import.meta.url));
const log = (s: string) => console.error(s);

const t0 = Date.now();
await initBackend('auto');
const gen = await trainOrLoadGenerator({ log });
const { model, tokenizer } = gen;
const market = createJobMarket({ seed: marketSeed, people, pairs });
const settings = { maxNewTokens, doSample: false };
const modelId = fingerprintModel(model);
const cache = await JdCache.open({ file: join(here, '.cache', 'jds-synthetic.jsonl'), modelId, settings });
const common = { market, seeds, cache, batchSize: 16, k: 2 };

const runs: Record<string, MarketAugmentationResult> = {};
const g0 = Date.now();
log('generating JDs (cached) …');
runs.generated = await evaluateMarketAugmentation({
  ...common,
  generateFn: generatorFn(model, tokenizer, settings),
  recommenders: [logisticRecommender(), mlpRecommender(), pjfnnRecommender({ maxWords: 64 }), pjfnnRecommender({ maxWords: 64, useFeatures: true })],
  ...(withEmbed ? { embed: gptEmbedder(model, tokenizer, { maxLength: 128 }) } : {}),
  onGenerate: (p) => {
    if (p.done % 64 === 0 || p.done === p.missing) log(`  generated ${p.done}/${p.missing} (${p.hits} cached, ${((Date.now() - g0) / 1000).toFixed(0)} s)`);
  },
  onProgress: (e) => log(`  seed ${e.seed} ${e.recommender} ${e.variant}: held-out AUC ${e.metrics.heldOut.auc.toFixed(4)}, cold-start AUC ${e.metrics.coldStart.auc.toFixed(4)}`),
});
const genMap = cache.toMap(market.pairs.map((p) => p.cv));
log('text features only (no JD parser) …');
runs.textOnly = await evaluateMarketAugmentation({ ...common, generateFn: generatorFn(model, tokenizer, settings), jdParser: false });
log('oracle JDs (upper bound) …');
runs.oracle = await evaluateMarketAugmentation({ market, seeds, k: 2, generateFn: oracleGenerateFn(market) });
log('shuffled generated JDs (control) …');
const cvs = [...genMap.keys()];
const perm = createRng('shuffle-control').shuffle(cvs);
const shuffled = new Map(cvs.map((cv, i) => [cv, genMap.get(perm[i] as string) as string]));
runs.shuffled = await evaluateMarketAugmentation({ market, seeds, k: 2, generateFn: async (batch) => batch.map((cv) => shuffled.get(cv) as string) });

// how good are the generated JDs? (the oracle's reading of each generated JD against the person)
const byCv = new Map(market.people.map((p) => [p.cv.text, p]));
let occ = 0;
let sen = 0;
let fits = 0;
for (const [cv, jd] of genMap) {
  const p = byCv.get(cv);
  if (!p) continue;
  const facts = market.parseJd(jd);
  if (facts.occupation === p.occupation) occ++;
  if (facts.seniority === p.seniority) sen++;
  if (market.fit(cv, jd).fits) fits++;
}
const lr = (r: MarketAugmentationResult) => r.report.summary['logistic-regression'];
const pick = (r: MarketAugmentationResult, name = 'logistic-regression') => {
  const t = r.report.summary[name];
  return t && { heldOut: { base: t.heldOut.base.auc, augmented: t.heldOut.augmented.auc, delta: t.heldOut.delta.auc }, coldStart: { base: t.coldStart.base.auc, augmented: t.coldStart.augmented.auc, delta: t.coldStart.delta.auc } };
};
const summary = {
  eval: 'feature-augment synthetic market',
  command: 'cd packages/feature-augment && flock /tmp/bench.lock npx tsx scripts/eval-synthetic.ts',
  data: { marketSeed, people, pairs, seeds, sizes: runs.generated.report.sizes, k: 2 },
  generator: { preset: 'tiny', sftMarketSeed: GENERATOR_MARKET_SEED, step: gen.state.step, modelId, trainedThisRun: gen.trained, generatedThisRun: runs.generated.generated, generateSeconds: Math.round(runs.generated.seconds.generate), settings },
  generatedJdQuality: { cvs: genMap.size, occupation: occ / genMap.size, seniority: sen / genMap.size, oracleFit: fits / genMap.size },
  target: { metric: 'logistic-regression held-out AUC gain, mean over seeds', goal: 0.02, generated: lr(runs.generated)?.heldOut.delta.auc.mean, oracleUpperBound: lr(runs.oracle)?.heldOut.delta.auc.mean },
  auc: {
    generated: { 'logistic-regression': pick(runs.generated), mlp: pick(runs.generated, 'mlp'), pjfnn: pick(runs.generated, 'pjfnn'), 'pjfnn+features': pick(runs.generated, 'pjfnn+features') },
    generatedTextFeaturesOnly: pick(runs.textOnly),
    oracleJd: pick(runs.oracle),
    shuffledControl: pick(runs.shuffled),
  },
  seconds: Math.round((Date.now() - t0) / 1000),
  machine: { backend: activeBackend(), cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadavg: loadavg().map((x) => +x.toFixed(2)) },
  date: new Date().toISOString(),
};
console.log(JSON.stringify(summary));
const md = [
  `## generated JDs (tiny SFT generator), all recommenders\n\n${formatReport(runs.generated.report)}`,
  `## generated JDs, text features only (no JD parser), logistic regression\n\n${formatReport(runs.textOnly.report)}`,
  `## ORACLE: the market's own matched JD for each CV (upper bound)\n\n${formatReport(runs.oracle.report)}`,
  `## control: generated JDs shuffled across CVs\n\n${formatReport(runs.shuffled.report)}`,
].join('\n\n');
console.error(`\n${md}`);
await mkdir(join(here, 'results'), { recursive: true });
await writeFile(join(here, 'results', 'eval-synthetic.json'), `${JSON.stringify({ ...summary, reports: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, v.report])) }, null, 2)}\n`);
await writeFile(join(here, 'results', 'eval-synthetic.md'), `${md}\n`);
