/**
 * Trains a reward model on the synthetic job market's recruiter feedback and evaluates it on held-out
 * people, beside the TF-IDF and "longer CV wins" baselines on the same rows.
 *
 *   cd packages/reward && flock /tmp/bench.lock npx tsx scripts/eval-synthetic.ts
 *
 * Environment (defaults in brackets): SEED [1], PEOPLE [1000], PAIRS [4000], STEPS [300], BATCH [16],
 * LR [1e-3], D [64], LAYERS [2], CTX [256], VOCAB [2000], INTERACTION [maxsim], POOLING [last],
 * OBJECTIVE [both], LEXICAL [none | tfidf], EVAL_EVERY [50], PATIENCE [4], SFT (an SFT checkpoint folder to start from; its tokenizer and backbone shape win), OUT (folder for the model, default none).
 * Labels: the market's recruiter labels carry 5 % noise; the test set is scored against both those noisy
 * labels and the oracle's truth (`truth`), which is what the target AUC ≥ 0.95 refers to.
 */
import { createJobMarket, splitByGroup } from '@girl/data';
import { initBackend } from '@girl/tensor';
import { Tokenizer } from '@girl/tokenizer';
import { RewardModel, evaluateRewardModel, formatEvaluation, trainRewardModel } from '../src/index.js';
import type { RewardObjective } from '../src/index.js';
import { envNumber, envString, machine, progress } from './common.js';

const backend = await initBackend('auto');
const t0 = performance.now();
const seed = envNumber('SEED', 1);
const market = createJobMarket({ seed, people: envNumber('PEOPLE', 1000), pairs: envNumber('PAIRS', 4000) });
const { train, validation, test } = splitByGroup(market.pairs, { key: (p) => p.group, seed, ratios: { train: 0.8, validation: 0.1, test: 0.1 } });
// a fresh tokenizer + backbone, or (SFT=<checkpoint dir>) the SFT model's, as RLHF reward models start
const sft = process.env.SFT;
// LEXICAL=tfidf adds the wide head over TF-IDF features, its IDF fitted on the training texts only
const lexical = envString<'none' | 'tfidf'>('LEXICAL', 'none');
const modelOptions = { interaction: envString('INTERACTION', 'maxsim'), pooling: envString('POOLING', 'last'), lexical, lexicalCorpus: train.flatMap((p) => [p.cv, p.jd]), seed };
const model = sft
  ? await RewardModel.fromSftCheckpoint(sft, modelOptions)
  : RewardModel.create({
      ...modelOptions,
      tokenizer: Tokenizer.train(
        train.flatMap((p) => [p.cv, p.jd]),
        { vocabSize: envNumber('VOCAB', 2000) },
      ),
      backbone: { contextLength: envNumber('CTX', 256), dModel: envNumber('D', 64), nLayer: envNumber('LAYERS', 2), nHead: 4 },
    });
const config = {
  maxSteps: envNumber('STEPS', 300),
  perDeviceTrainBatchSize: envNumber('BATCH', 16),
  learningRate: envNumber('LR', 1e-3),
  objective: envString<RewardObjective>('OBJECTIVE', 'both'),
  evalEvery: envNumber('EVAL_EVERY', 50),
  patience: envNumber('PATIENCE', 4),
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
const out = process.env.OUT;
if (out) await model.save(out);

console.log(formatEvaluation(noisy, `synthetic test, recruiter labels (5 % noise)`));
console.log();
console.log(formatEvaluation(truth, `synthetic test, oracle truth`));
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
    testAucBeforeTraining: Number(before.model.auc.toFixed(4)),
    test: { noisy: { model: noisy.model, baselines: noisy.baselines }, truth: { model: truth.model, baselines: truth.baselines } },
    seconds: Number(trainSeconds.toFixed(1)),
    machine: machine(),
  }),
);
