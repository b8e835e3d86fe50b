/**
 * GIRL's pipeline written against the library APIs — the researcher's path: change any stage here.
 *
 *   npm run start -w @girl-examples/compose-pipeline            (from the repository root, after npm ci)
 *   npx tsx examples/compose-pipeline/pipeline.ts --people 300 --sft-steps 150 --rm-steps 60 --ppo-steps 8
 *
 * Synthetic market → tokenizer → SFT → reward model (from the SFT backbone) → PPO against the reward model
 * with a KL penalty → held-out JDs before/after, scored by the reward model and the market's oracle.
 * `girl pipeline` (@girl/cli) does the same with checkpoints, resume, budgets and a report.
 */
import { createJobMarket, splitByGroup } from '@girl/data';
import { GPT, PRESETS, generateJd, trainSft } from '@girl/generator';
import { PpoTrainer } from '@girl/ppo';
import { RewardModel, evaluateRewardModel, trainRewardModel } from '@girl/reward';
import { initBackend } from '@girl/tensor';
import { Tokenizer } from '@girl/tokenizer';

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const seed = arg('seed', 1);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

// 1. backend and data: a seeded synthetic job market, split by person (no one on both sides)
const backend = await initBackend('auto', { onNotice: (m) => console.error(`note: ${m}`) });
const market = createJobMarket({ seed, people: arg('people', 300), pairs: 1200 });
const sftSplit = splitByGroup(market.sftPairs, { key: (p) => p.group, ratios: { train: 0.85, validation: 0.15, test: 0 }, seed });
const heldOut = new Set(sftSplit.groups.validation);
const rmTrain = market.pairs.filter((p) => !heldOut.has(p.group));
const rmEval = market.pairs.filter((p) => heldOut.has(p.group));
console.log(`backend ${backend.name}; ${sftSplit.train.length} SFT pairs, ${rmTrain.length} feedback pairs`);

// 2. tokenizer on the training texts
const tok = Tokenizer.train(sftSplit.train.flatMap((p) => [p.cv, p.jd]), { vocabSize: 2000 });

// 3. SFT: the tiny GPT on CV → JD pairs
const policy = GPT.create({ vocabSize: tok.vocabSize, ...PRESETS.tiny }, { seed });
const sft = await trainSft({
  model: policy,
  tokenizer: tok,
  train: sftSplit.train,
  valid: sftSplit.validation,
  config: { maxSteps: arg('sft-steps', 150), perDeviceTrainBatchSize: 8, learningRate: 2e-3, evalSteps: 50, seed },
  events: { onEval: (e) => console.log(`sft step ${e.step}: eval loss ${e.valLoss.toFixed(3)}`) },
});
console.log(`SFT: best eval loss ${sft.bestValLoss?.toFixed(3)}`);

// 4. reward model: a small fresh backbone + scalar head + @girl/reward's MaxSim CV↔JD term, pointwise +
//    pairwise on recruiter feedback (RLHF starts it from the SFT model: `backbone: copyModel(policy)`; on
//    2 CPU cores for minutes the small fresh one learns faster)
const rm = RewardModel.create({ tokenizer: tok, backbone: { contextLength: 256, dModel: 64, nLayer: 2, nHead: 4 }, interaction: 'maxsim', seed });
await trainRewardModel({
  model: rm,
  train: rmTrain,
  valid: rmEval,
  config: { maxSteps: arg('rm-steps', 80), perDeviceTrainBatchSize: 16, learningRate: 1e-3, evalSteps: 40, seed },
});
const rmEvaluation = await evaluateRewardModel(rm, rmEval);
console.log(`reward model AUC ${rmEvaluation.model.auc.toFixed(3)} (TF-IDF baseline ${rmEvaluation.baselines?.tfidfCosine.auc.toFixed(3)})`);

// 5. held-out evaluation: greedy JDs scored by the reward model and the oracle
const evalCvs = sftSplit.validation.slice(0, 24).map((p) => p.cv);
async function evaluate(model: GPT) {
  const { texts } = generateJd(model, tok, evalCvs, { maxNewTokens: 112 });
  const scores = await rm.score(evalCvs, texts);
  return { reward: mean(scores), oracle: mean(evalCvs.map((cv, i) => market.fit(cv, texts[i] as string).score)), sample: texts[0] };
}
const before = await evaluate(policy);

// 6. PPO against the reward model, KL-penalised towards the frozen SFT model (the trainer copies it)
const trainer = new PpoTrainer({
  policy,
  tokenizer: tok,
  reward: rm.rewardFn(),
  prompts: sftSplit.train.map((p) => p.cv),
  config: { maxSteps: arg('ppo-steps', 8), batchSize: 16, miniBatchSize: 8, learningRate: 3e-5, initKlCoef: 0.05, maxNewTokens: 112, seed },
  events: { onStep: (m) => console.log(`ppo step ${m.step}: reward ${m['objective/scores'].toFixed(3)}, kl ${m['objective/kl'].toFixed(3)}`) },
});
await trainer.train();
const after = await evaluate(policy);

// 7. the comparison
console.table({ 'before PPO': { reward: before.reward, oracleFit: before.oracle }, 'after PPO': { reward: after.reward, oracleFit: after.oracle } });
console.log(`\nA held-out CV:\n${evalCvs[0]}\n\nJD after PPO:\n${after.sample}`);
trainer.dispose();
rm.dispose();
policy.dispose();
