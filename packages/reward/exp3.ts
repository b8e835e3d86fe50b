import { initBackend } from '@girl/tensor';
import { RewardModel, trainRewardModel } from './src/index.js';
import { microTokenizer } from './src/testing.js';
await initBackend('auto');
const DATA = [
  { cv: 'Data engineer, Python, SQL, Spark, 5 years.', jd: 'Data engineer: Python, SQL, Spark.', label: 1, group: 'a' },
  { cv: 'Data engineer, Python, SQL, Spark, 5 years.', jd: 'Registered nurse for the emergency ward.', label: 0, group: 'a' },
  { cv: 'Registered nurse, triage, 8 years.', jd: 'Hospital hiring a registered nurse.', label: 1, group: 'b' },
  { cv: 'Registered nurse, triage, 8 years.', jd: 'Data engineer: Spark and Airflow.', label: 0, group: 'b' },
];
const tok = microTokenizer(DATA.flatMap((d) => [d.cv, d.jd]), 320);
const rm = RewardModel.create({ tokenizer: tok, backbone: { contextLength: 64, dModel: 32, nLayer: 2, nHead: 4 }, seed: 5 });
await trainRewardModel({ model: rm, train: DATA, config: { maxSteps: 100, perDeviceTrainBatchSize: 2, learningRate: Number(process.env.LR ?? 1e-3), randomNegativesPerPositive: 0, evalEvery: 0 }, events: { onStep: (e) => e.step % 10 === 0 && console.log(e.step, e.loss.toFixed(4), e.gradNorm.toFixed(4), e.lr) } });
console.log(await rm.score(DATA.map(d => d.cv), DATA.map(d => d.jd)));
