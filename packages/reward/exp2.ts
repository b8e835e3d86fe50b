import { createJobMarket, splitByGroup } from '@girl/data';
import { initBackend } from '@girl/tensor';
import { Tokenizer } from '@girl/tokenizer';
import { RewardModel, trainRewardModel, evaluateRewardModel, formatEvaluation } from './src/index.js';
await initBackend('auto');
const t0 = Date.now();
const market = createJobMarket({ seed: 2, people: 200, pairs: 600, occupations: Number(process.env.OCC ?? 4), labelNoise: 0, pairMix: { positive: 0.5, hardNegative: Number(process.env.HN ?? 0), randomNegative: 0.5 } });
const { train, validation, test } = splitByGroup(market.pairs, { key: (p) => p.group, seed: 1, ratios: { train: 0.7, validation: 0, test: 0.3 } });
const tok = Tokenizer.train(train.flatMap(p => [p.cv, p.jd]), { vocabSize: Number(process.env.VOCAB ?? 1000) });
const lens = train.slice(0,50).map(p => tok.encode(p.cv).length + tok.encode(p.jd).length);
console.log(train.length, test.length, 'pair tokens mean', lens.reduce((a,b)=>a+b)/lens.length, 'max', Math.max(...lens));
const rm = RewardModel.create({ tokenizer: tok, backbone: { contextLength: Number(process.env.CTX ?? 256), dModel: Number(process.env.D ?? 32), nLayer: Number(process.env.L ?? 2), nHead: 4 }, seed: 1, interaction: (process.env.INT ?? 'none') as 'none' });
const before = await evaluateRewardModel(rm, test, { baselines: false });
const r = await trainRewardModel({ model: rm, train, config: { maxSteps: Number(process.env.STEPS ?? 60), perDeviceTrainBatchSize: Number(process.env.BS ?? 8), learningRate: Number(process.env.LR ?? 2e-3), evalEvery: 0, randomNegativesPerPositive: 1 },
  events: { onStep: (e) => { if (e.step % 10 === 0) console.log('step', e.step, e.loss.toFixed(4), e.batchPairwiseAccuracy.toFixed(2), e.seconds.toFixed(2), ((Date.now()-t0)/1000).toFixed(1)); } } });
const ev = await evaluateRewardModel(rm, test);
console.log('auc before', before.model.auc);
console.log(formatEvaluation(ev, 'test'));
console.log('total', (Date.now()-t0)/1000);
