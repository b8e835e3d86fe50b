/**
 * Trains a reward model on RJDB's train file (matched CV = 1, unmatched CV = 0, grouped by JD) and
 * evaluates it on the published test file, beside the TF-IDF and "longer CV wins" baselines on the same
 * rows: pairwise accuracy (matched vs unmatched CV for the same JD) and binary AUC over all (JD, CV) pairs.
 *
 *   cd packages/reward && flock /tmp/bench.lock npx tsx scripts/eval-rjdb.ts
 *
 * Environment (defaults in brackets): RJDB [../../../shared/data/rjdb], SEED [1], STEPS [400], BATCH [8],
 * LR [1e-3], D [64], LAYERS [2], CTX [512], VOCAB [4000], INTERACTION [maxsim], OBJECTIVE [both], LEXICAL [none | tfidf], EVAL_EVERY [50], PATIENCE [4], SFT (an SFT checkpoint folder to start from; its tokenizer and backbone shape win),
 * RANDOM_NEG [1], OUT (folder for the model, default none).
 * 10 % of the train file's JDs are held out for validation / early stopping; the test file is only scored.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadRjdb, rjdbToPairs, splitByGroup } from '@girl/data';
import { initBackend } from '@girl/tensor';
import { evaluateRewardModel, formatEvaluation, trainRewardModel } from '../src/index.js';
import type { RewardObjective } from '../src/index.js';
import { envNumber, envString, machine, modelFromEnv, progress, wideOnly } from './common.js';

const dir = resolve(process.env.RJDB ?? join(import.meta.dirname, '../../../../shared/data/rjdb'));
if (!existsSync(join(dir, 'train.jsonl')) || !existsSync(join(dir, 'test.jsonl'))) {
  console.error(`eval-rjdb: no RJDB data in ${dir} (train.jsonl, test.jsonl); set RJDB=<folder>. RJDB is not shipped with GIRL.`);
  process.exit(2);
}
const backend = await initBackend('auto');
const t0 = performance.now();
const seed = envNumber('SEED', 1);
const all = rjdbToPairs(await loadRjdb(join(dir, 'train.jsonl')));
const test = rjdbToPairs(await loadRjdb(join(dir, 'test.jsonl')));
const { train, validation } = splitByGroup(all, { key: (p) => String(p.group), seed, ratios: { train: 0.9, validation: 0.1, test: 0 } });
const model = await modelFromEnv(train, seed, { vocab: 4000, contextLength: 512 });
const config = {
  maxSteps: envNumber('STEPS', 400),
  perDeviceTrainBatchSize: envNumber('BATCH', 8),
  learningRate: envNumber('LR', 1e-3),
  objective: envString<RewardObjective>('OBJECTIVE', 'both'),
  randomNegativesPerPositive: envNumber('RANDOM_NEG', 1),
  metricForBestModel: 'pairwiseAccuracy' as const,
  evalSteps: envNumber('EVAL_EVERY', 50),
  earlyStoppingPatience: envNumber('PATIENCE', 4),
  seed,
};
const before = await evaluateRewardModel(model, test, { baselines: false });
const result = await trainRewardModel({ model, train, valid: validation, config, events: progress(t0) });
const trainSeconds = (performance.now() - t0) / 1000;
const ev = await evaluateRewardModel(model, test);
const wide = wideOnly(model, result.lexicalWarmStart, test);
const out = process.env.OUT;
if (out) await model.save(out);

console.log(formatEvaluation(ev, 'RJDB test.jsonl'));
if (wide) console.log(`wide part alone (the warm-start fit, before the transformer trained): AUC ${wide.auc.toFixed(4)}, pairwise acc. ${wide.pairwiseAccuracy.toFixed(4)}`);
console.log();
console.log(
  JSON.stringify({
    bench: '@girl/reward eval-rjdb',
    backend: backend.name,
    data: { train: train.length, validation: validation.length, test: test.length, ...result.data },
    model: { ...model.backbone.config, ...model.settings, parameters: Object.values(model.params).reduce((n, p) => n + p.size, 0) },
    config,
    steps: result.steps,
    reason: result.reason,
    bestStep: result.bestStep,
    wideOnly: wide,
    before: { auc: Number(before.model.auc.toFixed(4)), pairwiseAccuracy: Number(before.model.pairwiseAccuracy.toFixed(4)) },
    test: { model: ev.model, baselines: ev.baselines, truncatedCv: ev.truncatedCv, truncatedJd: ev.truncatedJd },
    seconds: Number(trainSeconds.toFixed(1)),
    machine: machine(),
  }),
);
