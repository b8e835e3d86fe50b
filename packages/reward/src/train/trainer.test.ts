import { mkdtemp, readFile, rm as rmDir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, tf } from '@girl/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RewardModel } from '../model/reward-model.js';
import { microTokenizer } from '../testing.js';
import { DEFAULT_REWARD_CONFIG, REWARD_RENAMED_FIELDS, RewardConfigError, resolveRewardConfig } from './config.js';
import { loadRewardCheckpoint } from './checkpoint.js';
import { RewardTrainingDivergedError, trainRewardModel } from './trainer.js';

// two groups of people; the positive JD shares the CV's field
const DATA = [
  { cv: 'Data engineer, Python, SQL, Spark, 5 years.', jd: 'Data engineer: Python, SQL, Spark.', label: 1, group: 'a' },
  { cv: 'Data engineer, Python, SQL, Spark, 5 years.', jd: 'Registered nurse for the emergency ward.', label: 0, group: 'a' },
  { cv: 'Registered nurse, triage, 8 years.', jd: 'Hospital hiring a registered nurse.', label: 1, group: 'b' },
  { cv: 'Registered nurse, triage, 8 years.', jd: 'Data engineer: Spark and Airflow.', label: 0, group: 'b' },
  { cv: 'Chef, French cuisine, pastry.', jd: 'Restaurant seeks a chef: pastry, sauces.', label: 1, group: 'c' },
  { cv: 'Chef, French cuisine, pastry.', jd: 'We seek a data engineer.', label: 0, group: 'c' },
];
const tok = microTokenizer(DATA.flatMap((d) => [d.cv, d.jd]), 320);
const makeModel = () => RewardModel.create({ tokenizer: tok, backbone: { contextLength: 64, dModel: 16, nLayer: 1, nHead: 2 }, seed: 5 });
const dirs: string[] = [];
const tmp = async () => {
  const d = await mkdtemp(join(tmpdir(), 'girl-rm-train-'));
  dirs.push(d);
  return d;
};
const weights = (m: RewardModel) => Object.fromEntries(Object.entries(m.params).map(([k, v]) => [k, Array.from(v.dataSync())]));

describe('trainRewardModel', () => {
  beforeAll(async () => {
    await initBackend('auto');
  });
  afterAll(async () => {
    for (const d of dirs) await rmDir(d, { recursive: true, force: true });
  });

  it('resume after an abort continues exactly like an uninterrupted run (weights, AdamW, data order)', async () => {
    const config = { maxSteps: 6, perDeviceTrainBatchSize: 2, learningRate: 1e-2, randomNegativesPerPositive: 1, evalSteps: 0, seed: 3 } as const;
    const straight = makeModel();
    await trainRewardModel({ model: straight, train: DATA, config });

    const dir = await tmp();
    const first = makeModel();
    const ctrl = new AbortController();
    const r1 = await trainRewardModel({
      model: first,
      train: DATA,
      config: { ...config, checkpointDir: dir, metricsFile: join(dir, 'metrics.jsonl') },
      events: { onStep: (e) => e.step === 3 && ctrl.abort() },
      signal: ctrl.signal,
    });
    expect(r1).toMatchObject({ steps: 3, reason: 'aborted' });
    const resumed = makeModel();
    const r2 = await trainRewardModel({ model: resumed, train: DATA, config: { ...config, checkpointDir: dir, metricsFile: join(dir, 'metrics.jsonl'), resume: true } });
    expect(r2).toMatchObject({ steps: 6, resumedFrom: 3, reason: 'completed' });
    const a = weights(straight);
    const b = weights(resumed);
    for (const k of Object.keys(a)) (b[k] as number[]).forEach((v, i) => expect(v).toBeCloseTo((a[k] as number[])[i] as number, 5));
    const steps = (await readFile(join(dir, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => (JSON.parse(l) as { step: number }).step);
    expect(steps).toEqual([1, 2, 3, 4, 5, 6]);
    // the training checkpoint is also a loadable model
    const loaded = await RewardModel.load(join(dir, 'last'));
    const [x] = await loaded.score([DATA[0]!.cv], [DATA[0]!.jd]);
    const [y] = await resumed.score([DATA[0]!.cv], [DATA[0]!.jd]);
    expect(x).toBeCloseTo(y as number, 5);
    for (const m of [straight, first, resumed, loaded]) m.dispose();
  });

  it('a NaN loss throws RewardTrainingDivergedError and leaves the last checkpoint intact', async () => {
    const dir = await tmp();
    const model = makeModel();
    const run = trainRewardModel({
      model,
      train: DATA,
      config: { maxSteps: 5, perDeviceTrainBatchSize: 2, checkpointDir: dir, saveSteps: 1, evalSteps: 0 },
      events: { onCheckpoint: (e) => e.step === 2 && model.head.bias.assign(tf.tensor1d([NaN])) },
    });
    await expect(run).rejects.toThrow(RewardTrainingDivergedError);
    await expect(run).rejects.toThrow(/diverged at step 3: the loss is NaN.*left untouched/);
    const ck = await loadRewardCheckpoint(join(dir, 'last'));
    expect(ck.state.step).toBe(2);
    for (const t of Object.values(ck.tensors)) expect(Array.from(t.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([...Object.values(ck.tensors), ...Object.values(ck.optimizer.slots)]);
    model.dispose();
  });

  it('stops early when the validation metric stops improving, and restores the best weights', async () => {
    const model = makeModel();
    const r = await trainRewardModel({ model, train: DATA, valid: DATA, config: { maxSteps: 20, learningRate: 1e-9, evalSteps: 1, earlyStoppingPatience: 1, perDeviceTrainBatchSize: 2 } });
    expect(r.reason).toBe('early-stopping');
    expect(r.steps).toBe(2);
    expect(r.evals.map((e) => e.best)).toEqual([true, false]);
    expect(r.bestStep).toBe(1);
    model.dispose();
  });

  it('trains pointwise with class balance, and reports what it trained on', async () => {
    const model = makeModel();
    const r = await trainRewardModel({ model, train: DATA, config: { objective: 'pointwise', maxSteps: 2, perDeviceTrainBatchSize: 4, randomNegativesPerPositive: 2, evalSteps: 0 } });
    expect(r.data).toMatchObject({ positives: 3, hardNegatives: 3, randomNegatives: 6, rows: 12, comparisons: 3 + 6 });
    expect(r.losses.every(Number.isFinite)).toBe(true);
    model.dispose();
  });

  it('explains bad configs and impossible objectives', async () => {
    expect(() => resolveRewardConfig({ objective: 'listwise' as 'both' }, 64)).toThrow(RewardConfigError);
    expect(() => resolveRewardConfig({ perDeviceTrainBatchSize: 0 }, 64)).toThrow(/perDeviceTrainBatchSize must be an integer >= 1, got 0/);
    expect(() => resolveRewardConfig({ maxLength: 128 }, 64)).toThrow(/maxLength must be an integer in \[8, 64\]/);
    expect(() => resolveRewardConfig({ resume: true }, 64)).toThrow(/resume needs checkpointDir/);
    // a field of another trainer (SFT's lr) is refused by name, with the likely intended one
    expect(() => resolveRewardConfig({ lr: 1e-4 } as never, 64)).toThrow(/RewardConfig: unknown field 'lr'/);
    expect(() => resolveRewardConfig({ learning_rate: 1e-4 } as never, 64)).toThrow(/did you mean 'learningRate'/);
    // the names before #14 are refused with today's (the SFT trainer's for the same concept)
    expect(() => resolveRewardConfig({ evalEvery: 5, patience: 2 } as never, 64)).toThrow(/'evalEvery' \(renamed 'evalSteps'\), 'patience' \(renamed 'earlyStoppingPatience'\)/);
    expect(Object.keys(resolveRewardConfig({}, 64)).sort()).toEqual(Object.keys(DEFAULT_REWARD_CONFIG).sort());
    for (const [from, to] of Object.entries(REWARD_RENAMED_FIELDS)) expect([from in DEFAULT_REWARD_CONFIG, to in DEFAULT_REWARD_CONFIG]).toEqual([false, true]);
    expect(resolveRewardConfig({}, 64)).toMatchObject({ seed: 1337, adamBeta2: 0.999, warmupSteps: null, maxLength: 64 });
    const model = makeModel();
    const onlyPositives = DATA.filter((d) => d.label === 1).map((d, i) => ({ ...d, group: `g${i}` }));
    await expect(trainRewardModel({ model, train: onlyPositives.slice(0, 1), config: { maxSteps: 1 } })).rejects.toThrow(/needs \(positive, negative\) pairs in the same group/);
    model.dispose();
  });
});
