/**
 * Trains a reward model on the synthetic job market's recruiter feedback and evaluates it on held-out
 * people, beside the TF-IDF and "longer CV wins" baselines on the same rows.
 *
 *   cd packages/reward && flock /tmp/bench.lock npx tsx scripts/eval-synthetic.ts
 *
 * Environment (defaults in brackets): SEED [1], PEOPLE [1000], PAIRS [4000], STEPS [300], BATCH [16],
 * LR [1e-3], D [64], LAYERS [2], CTX [256], VOCAB [2000], INTERACTION [maxsim], POOLING [last],
 * OBJECTIVE [both], LEXICAL [none | tfidf], TRAIN_MIX [market default; see below], EVAL_EVERY [50], PATIENCE [4], SFT (an SFT checkpoint folder to start from; its tokenizer and backbone shape win), OUT (folder for the model, default none).
 * Labels: the market's recruiter labels carry 5 % noise; the test set is scored against both those noisy
 * labels and the oracle's truth (`truth`), which is what the target AUC ≥ 0.95 refers to.
 */
import { createJobMarket, splitByGroup } from '@girl/data';
import { initBackend } from '@girl/tensor';
import { auc } from '@girl/core';
import { evaluateRewardModel, formatEvaluation, trainRewardModel } from '../src/index.js';
import type { RewardObjective } from '../src/index.js';
import { envNumber, envString, machine, modelFromEnv, progress, wideOnly } from './common.js';

const backend = await initBackend('auto');
const t0 = performance.now();
const seed = envNumber('SEED', 1);
const people = envNumber('PEOPLE', 1000);
const pairs = envNumber('PAIRS', 4000);
// TRAIN_MIX="positive,hard,random" (e.g. "0.35,0.55,0.1"): train and validate on a market with more hard
// negatives (hard-negative mining), and test on a market drawn with another seed (seed + 100, people and
// pairs / 8) at the default mix, so the test people and the test distribution are the usual ones.
const mix = (process.env.TRAIN_MIX ?? '').split(',').filter(Boolean).map(Number);
const market = createJobMarket({ seed, people, pairs, ...(mix.length === 3 ? { pairMix: { positive: mix[0], hardNegative: mix[1], randomNegative: mix[2] } } : {}) });
const split = splitByGroup(market.pairs, { key: (p) => p.group, seed, ratios: mix.length === 3 ? { train: 0.9, validation: 0.1, test: 0 } : { train: 0.8, validation: 0.1, test: 0.1 } });
const { train, validation } = split;
const test = mix.length === 3 ? createJobMarket({ seed: seed + 100, people: Math.round(people / 8), pairs: Math.round(pairs / 8) }).pairs : split.test;
const model = await modelFromEnv(train, seed, { vocab: 2000, contextLength: 256 });
const config = {
  maxSteps: envNumber('STEPS', 300),
  perDeviceTrainBatchSize: envNumber('BATCH', 16),
  learningRate: envNumber('LR', 1e-3),
  objective: envString<RewardObjective>('OBJECTIVE', 'both'),
  evalSteps: envNumber('EVAL_EVERY', 50),
  earlyStoppingPatience: envNumber('PATIENCE', 4),
  seed,
};
const before = await evaluateRewardModel(model, test, { baselines: false });
const result = await trainRewardModel({ model, train, valid: validation, config, events: progress(t0) });
const trainSeconds = (performance.now() - t0) / 1000;
const noisy = await evaluateRewardModel(model, test);
const truth = await evaluateRewardModel(
  model,
  test.map((p) => ({ ...p, label: p.truth ? 1 : 0 })),
);
// AUC vs truth of positives against each kind of negative: which mistakes are left
const testScores = await model.score(test.map((p) => p.cv), test.map((p) => p.jd));
const byKind = Object.fromEntries(
  ['hard-negative-skills', 'hard-negative-seniority', 'random-negative'].map((kind) => {
    const idx = test.flatMap((p, i) => (p.kind === kind || p.kind === 'positive' ? [i] : []));
    return [kind, Number(auc(idx.map((i) => testScores[i] as number), idx.map((i) => (test[i]?.truth ? 1 : 0))).toFixed(4))];
  }),
);
const wide = wideOnly(model, result.lexicalWarmStart, test.map((p) => ({ ...p, label: p.truth ? 1 : 0 })));
const out = process.env.OUT;
if (out) await model.save(out);

console.log(formatEvaluation(noisy, `synthetic test, recruiter labels (5 % noise)`));
console.log();
console.log(formatEvaluation(truth, `synthetic test, oracle truth`));
console.log(`AUC vs truth, positives against each kind of negative: ${JSON.stringify(byKind)}`);
if (wide) console.log(`wide part alone vs truth (the warm-start fit, before the transformer trained): AUC ${wide.auc.toFixed(4)}, pairwise acc. ${wide.pairwiseAccuracy.toFixed(4)}`);
console.log();
console.log(
  JSON.stringify({
    bench: '@girl/reward eval-synthetic',
    backend: backend.name,
    data: { train: train.length, validation: validation.length, test: test.length, ...result.data },
    model: { ...model.backbone.config, ...model.settings, parameters: Object.values(model.params).reduce((n, p) => n + p.size, 0) },
    config,
    steps: result.steps,
    reason: result.reason,
    bestStep: result.bestStep,
    wideOnlyVsTruth: wide,
    aucVsTruthByNegativeKind: byKind,
    testAucBeforeTraining: Number(before.model.auc.toFixed(4)),
    test: { noisy: { model: noisy.model, baselines: noisy.baselines }, truth: { model: truth.model, baselines: truth.baselines } },
    seconds: Number(trainSeconds.toFixed(1)),
    machine: machine(),
  }),
);
