import { mkdtemp, rm as rmDir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GPT, saveSftCheckpoint } from '@girl/generator';
import { SFT_STATE_VERSION } from '@girl/generator/internal';
import { Rng } from '@girl/core';
import { AdamW, initBackend, tf } from '@girl/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { microRewardModel, microTokenizer } from '../testing.js';
import { RewardModel } from './reward-model.js';

const CV = 'Data engineer with Python, SQL and Spark. Built pipelines for 5 years.';
const JD = 'We seek a data engineer: Python, SQL, Spark, Airflow. Remote.';

describe('RewardModel', () => {
  beforeAll(async () => {
    await initBackend('auto');
  });

  it('scores a batch the same as one row at a time, whatever the padding and batch size', async () => {
    const rm = microRewardModel();
    const cvs = [CV, 'nurse', CV + ' ' + CV, 'chef'];
    const jds = [JD, JD, 'short', JD + JD];
    const together = await rm.score(cvs, jds, { batchSize: 4 });
    const alone = await Promise.all(cvs.map(async (c, i) => (await rm.score([c], [jds[i] as string]))[0] as number));
    together.forEach((s, i) => expect(s).toBeCloseTo(alone[i] as number, 4));
    const pairsOf2 = await rm.score(cvs, jds, { batchSize: 2 });
    pairsOf2.forEach((s, i) => expect(s).toBeCloseTo(together[i] as number, 4));
    expect(new Set(together.map((s) => s.toFixed(6))).size).toBe(4); // different pairs, different scores
    rm.dispose();
  });

  it('last-token pooling equals the head applied to the backbone hidden state at <|eos|>', async () => {
    const rm = microRewardModel();
    const ex = rm.encode(CV, JD);
    const [score] = await rm.score([CV], [JD]);
    const expected = tf.tidy(() => {
      const h = rm.backbone.forwardHidden(tf.tensor2d(ex.ids, [1, ex.ids.length], 'int32')); // [1, T, C]
      const last = tf.reshape(tf.slice(h, [0, ex.ids.length - 1, 0], [1, 1, -1]), [1, -1]);
      return tf.add(tf.matMul(last, rm.head.weight), rm.head.bias).dataSync()[0] as number;
    });
    expect(score).toBeCloseTo(expected, 5);
    rm.dispose();
  });

  it('never crashes on empty, non-string or over-long text: flags, counts and scores them', async () => {
    const rm = microRewardModel(microTokenizer(), 1, 128);
    const long = 'Python SQL Spark '.repeat(500);
    const r = await rm.scoreWithReport([CV, '', CV, null, long], [JD, JD, '  ', JD, JD]);
    expect(r.scores).toHaveLength(5);
    expect(r.scores.every(Number.isFinite)).toBe(true);
    expect(r.scores[1]).toBe(-10);
    expect(r.scores[2]).toBe(-10);
    expect(r.scores[3]).toBe(-10);
    expect(r.warnings.map((w) => [w.index, w.kind])).toEqual([
      [1, 'empty-cv'],
      [2, 'empty-jd'],
      [3, 'not-a-string'],
    ]);
    expect(r.truncatedCv).toBe(1);
    expect(r.probabilities[0]).toBeCloseTo(1 / (1 + Math.exp(-(r.scores[0] as number))), 10);
    expect(rm.stats).toMatchObject({ scored: 5, empty: 3, truncatedCv: 1 });
    await expect(rm.score([CV], [])).rejects.toThrow(/1 CVs but 0 JDs/);
    rm.dispose();
  });

  it("emptyScore 'model' lets the model score empty text (still flagged)", async () => {
    const tok = microTokenizer();
    const rm = RewardModel.create({ tokenizer: tok, backbone: { contextLength: 32, dModel: 16, nLayer: 1, nHead: 2 }, emptyScore: 'model' });
    const r = await rm.scoreWithReport([''], [JD]);
    expect(r.scores[0]).not.toBe(-10);
    expect(r.warnings[0]?.kind).toBe('empty-cv');
    rm.dispose();
  });

  it('rewardFn batches calls made together and returns the same numbers as score()', async () => {
    const rm = microRewardModel();
    const reward = rm.rewardFn({ batchSize: 8 });
    const cvs = [CV, 'nurse', 'chef', CV];
    const jds = [JD, JD, JD, 'x'];
    const before = rm.stats.scored;
    const got = await Promise.all(cvs.map((c, i) => reward(c, jds[i] as string)));
    const want = await rm.score(cvs, jds);
    got.forEach((g, i) => expect(g).toBeCloseTo(want[i] as number, 5));
    expect(rm.stats.scored - before).toBe(8); // 4 in one flush + 4 from score()
    const p = await rm.rewardFn({ output: 'probability' })(CV, JD);
    expect(p).toBeCloseTo(1 / (1 + Math.exp(-(want[0] as number))), 6);
    rm.dispose();
  });

  it('save → load gives the same scores, tokenizer and settings; a non-RM folder is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'girl-rm-'));
    try {
      const tok = microTokenizer();
      const rm = RewardModel.create({ tokenizer: tok, backbone: { contextLength: 40, dModel: 16, nLayer: 1, nHead: 2 }, pooling: 'mean', maxLength: 32, seed: 3 });
      rm.head.bias.assign(tf.tensor1d([0.25]));
      await rm.save(join(dir, 'rm'));
      const back = await RewardModel.load(join(dir, 'rm'));
      expect(back.settings).toEqual({ maxLength: 32, pooling: 'mean', emptyScore: -10, interaction: 'none', lexical: 'none' });
      expect(back.tokenizer.toJSON()).toEqual(tok.toJSON());
      const a = await rm.score([CV, 'nurse'], [JD, JD]);
      const b = await back.score([CV, 'nurse'], [JD, JD]);
      b.forEach((s, i) => expect(s).toBeCloseTo(a[i] as number, 6));
      rm.dispose();
      back.dispose();
      const { saveCheckpoint } = await import('@girl/tensor');
      await saveCheckpoint(join(dir, 'other'), { tensors: {}, json: { version: 1 } });
      await expect(RewardModel.load(join(dir, 'other'))).rejects.toThrow(/expected 'girl-reward-model'/);
      // a folder from a newer release (a head weight or setting this one does not know) is refused, not half-loaded
      const future = RewardModel.create({ tokenizer: tok, backbone: { contextLength: 40, dModel: 16, nLayer: 1, nHead: 2 }, seed: 3 });
      const extra = tf.zeros([1]);
      await saveCheckpoint(join(dir, 'future'), { tensors: { ...future.params, 'score.future': extra }, json: future.stateJson(), files: { 'tokenizer.girl.json': JSON.stringify(tok.toJSON()) } });
      await expect(RewardModel.load(join(dir, 'future'))).rejects.toThrow(/head weight 'score.future'.*newer @girl\/reward/);
      await saveCheckpoint(join(dir, 'future2'), { tensors: future.params, json: { ...future.stateJson(), settings: { ...future.settings, mixture: 3 } }, files: { 'tokenizer.girl.json': JSON.stringify(tok.toJSON()) } });
      await expect(RewardModel.load(join(dir, 'future2'))).rejects.toThrow(/setting 'mixture'/);
      extra.dispose();
      future.dispose();
    } finally {
      await rmDir(dir, { recursive: true, force: true });
    }
  });

  it("interaction 'maxsim' starts as a lexical matcher, and saves and loads with its weights", async () => {
    const tok = microTokenizer();
    const rm = RewardModel.create({ tokenizer: tok, backbone: { contextLength: 64, dModel: 32, nLayer: 1, nHead: 2 }, interaction: 'maxsim', seed: 2 });
    expect(Object.keys(rm.params)).toEqual(expect.arrayContaining(['score.interaction', 'score.gate']));
    const cv = 'Data engineer with Python, SQL and Spark.';
    const [same, other] = await rm.score([cv, cv], ['Python SQL Spark data engineer', 'Registered nurse, triage, hospital']);
    expect(same).toBeGreaterThan((other as number) + 0.5); // α = 4 at start: shared tokens score higher
    const dir = await mkdtemp(join(tmpdir(), 'girl-rm-maxsim-'));
    try {
      await rm.save(dir);
      const back = await RewardModel.load(dir);
      expect(back.settings.interaction).toBe('maxsim');
      expect((await back.score([cv], ['Python SQL Spark data engineer']))[0]).toBeCloseTo(same as number, 5);
      back.dispose();
    } finally {
      await rmDir(dir, { recursive: true, force: true });
    }
    rm.dispose();
  });

  it('starts from an SFT checkpoint: its tokenizer and backbone weights, a new head', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'girl-rm-sft-'));
    try {
      const tok = microTokenizer();
      const gpt = GPT.create({ vocabSize: tok.vocabSize, contextLength: 48, dModel: 16, nLayer: 1, nHead: 2 }, { seed: 9 });
      const optimizer = new AdamW(gpt.params, { lr: 1e-3 });
      const state = { version: SFT_STATE_VERSION, step: 0, epoch: 0, batchInEpoch: 0, rng: new Rng(1).getState(), bestValLoss: null, badEvals: 0, totalSteps: 1, trainerConfig: {}, modelConfig: gpt.config };
      await saveSftCheckpoint(join(dir, 'sft'), { model: gpt, tokenizer: tok, optimizer, state });
      const rm = await RewardModel.fromSftCheckpoint(join(dir, 'sft'), { maxLength: 40, seed: 1 });
      expect(rm.tokenizer.toJSON()).toEqual(tok.toJSON());
      expect(rm.backbone.config).toEqual(gpt.config);
      expect(rm.settings.maxLength).toBe(40);
      const name = 'transformer.h.0.attn.c_attn.weight';
      expect(Array.from(rm.backbone.params[name]!.dataSync())).toEqual(Array.from(gpt.params[name]!.dataSync()));
      expect((await rm.score([CV], [JD])).every(Number.isFinite)).toBe(true);
      optimizer.dispose();
      gpt.dispose();
      rm.dispose();
    } finally {
      await rmDir(dir, { recursive: true, force: true });
    }
  });

  it('builds on an existing backbone (e.g. an SFT model) and checks shapes', () => {
    const tok = microTokenizer();
    const gpt = GPT.create({ vocabSize: tok.vocabSize, contextLength: 32, dModel: 16, nLayer: 1, nHead: 2 }, { seed: 2 });
    const rm = RewardModel.create({ tokenizer: tok, backbone: gpt });
    expect(rm.backbone).not.toBe(gpt); // a copy: see backbone-ownership.test.ts
    expect(rm.backbone.config).toEqual(gpt.config);
    expect(Object.keys(rm.params)).toContain('score.weight');
    expect(() => RewardModel.create({ tokenizer: tok, backbone: gpt, maxLength: 64 })).toThrow(/maxLength must be an integer in \[8, contextLength = 32\]/);
    rm.dispose();
    gpt.dispose();
  });
});
