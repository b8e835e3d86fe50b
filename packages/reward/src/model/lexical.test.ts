import { mkdtemp, readFile, rm as rmDir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, tf } from '@girl/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { fitTfidf, tfidfFromJSON } from '@girl/core';
import { MICRO_TEXTS, microTokenizer } from '../testing.js';
import { trainRewardModel } from '../train/trainer.js';
import { LEXICAL_SCALE, lexicalFeatureCount, lexicalFeatures } from './lexical.js';
import { RewardModel } from './reward-model.js';

const CV = 'Data engineer with Python, SQL and Spark. Built pipelines for 5 years.';
const JD = 'We seek a data engineer: Python, SQL, Spark, Airflow. Remote.';
/** Two JDs, each with its matched CV (the JD's words are in it) and an unrelated one. */
const rows = [
  { cv: CV, jd: JD, label: 1, group: 'a' },
  { cv: MICRO_TEXTS[1] as string, jd: JD, label: 0, group: 'a' },
  { cv: MICRO_TEXTS[1] as string, jd: MICRO_TEXTS[3] as string, label: 1, group: 'b' },
  { cv: CV, jd: MICRO_TEXTS[3] as string, label: 0, group: 'b' },
];

describe('TF-IDF coverage and saving', () => {
  it('coverage is the IDF-weighted share of the JD words found in the CV (hand-computed)', () => {
    // 3 documents; df: aa 3, bb 2, cc 1, dd 1 → idf = ln(4 / (1 + df)) + 1
    const t = fitTfidf(['aa bb cc', 'aa bb', 'aa dd']);
    const idf = (df: number) => Math.log(4 / (1 + df)) + 1;
    expect(t.coverage('aa cc zz', 'aa bb cc')).toBeCloseTo((idf(3) + idf(1)) / (idf(3) + idf(2) + idf(1)), 12);
    expect(t.coverage('aa bb cc dd', 'bb cc')).toBe(1); // a CV that says more loses nothing
    expect(t.coverage('anything', '')).toBe(0);
    expect(t.coverage('', 'aa')).toBe(0);
  });

  it('toJSON → tfidfFromJSON gives identical numbers; corrupt tables are refused with the field named', () => {
    const t = fitTfidf(MICRO_TEXTS);
    const back = tfidfFromJSON(JSON.parse(JSON.stringify(t.toJSON())));
    expect(back.documents).toBe(t.documents);
    expect(back.cosine(CV, JD)).toBe(t.cosine(CV, JD));
    expect(back.coverage(CV, JD)).toBe(t.coverage(CV, JD));
    expect(() => tfidfFromJSON({ format: 'x' })).toThrow(/format "x"/);
    expect(() => tfidfFromJSON({ ...t.toJSON(), df: { python: 99 } })).toThrow(/df\["python"\] = 99/);
  });

  it('lexicalFeatures: [cosine, coverage] in [0, 1], zeros for non-strings', () => {
    const t = fitTfidf(MICRO_TEXTS);
    const x = lexicalFeatures(t, CV, JD);
    expect(x[0]).toBeCloseTo(t.cosine(CV, JD), 6);
    expect(x[1]).toBeCloseTo(t.coverage(CV, JD), 6);
    expect(Array.from(lexicalFeatures(t, null, JD))).toEqual([0, 0]);
  });
});

describe("RewardModel with lexical: 'tfidf'", () => {
  beforeAll(async () => {
    await initBackend('auto');
  });
  const backbone = { contextLength: 64, dModel: 16, nLayer: 1, nHead: 2 };

  it('needs a corpus, and adds exactly 10 · w · x to the deep score', async () => {
    const tokenizer = microTokenizer();
    expect(() => RewardModel.create({ tokenizer, backbone, lexical: 'tfidf' })).toThrow(/needs lexicalCorpus/);
    const rm = RewardModel.create({ tokenizer, backbone, lexical: 'tfidf', lexicalCorpus: MICRO_TEXTS, seed: 4 });
    expect(Object.keys(rm.params)).toContain('score.lexical');
    const [deep] = await rm.score([CV], [JD]); // w starts at 0: the deep model alone
    rm.head.lexical!.assign(tf.tensor2d([[0.3], [-0.7]]));
    const [withLex] = await rm.score([CV], [JD]);
    const x = lexicalFeatures(rm.tfidf!, CV, JD);
    const expected = (deep as number) + LEXICAL_SCALE * (0.3 * (x[0] as number) - 0.7 * (x[1] as number));
    expect(withLex).toBeCloseTo(expected, 4);
    rm.dispose();
  });

  it('learns its lexical weights, and saves and loads them with the IDF table', async () => {
    const tokenizer = microTokenizer();
    const rm = RewardModel.create({ tokenizer, backbone, lexical: 'tfidf', lexicalCorpus: MICRO_TEXTS, seed: 5 });
    const w0 = Array.from(rm.head.lexical!.dataSync());
    // AdamW alone (no warm start): the weights move from 0 with the rest
    await trainRewardModel({ model: rm, train: rows, config: { maxSteps: 5, perDeviceTrainBatchSize: 4, learningRate: 1e-2, evalSteps: 0, seed: 1, lexicalWarmStart: false } });
    const w1 = Array.from(rm.head.lexical!.dataSync());
    // both features are higher for the matched pairs: both weights grow from 0
    expect(w1[0]).toBeGreaterThan((w0[0] as number) + 0.01);
    expect(w1[1]).toBeGreaterThan((w0[1] as number) + 0.01);
    const dir = await mkdtemp(join(tmpdir(), 'girl-rm-lexical-'));
    try {
      await rm.save(dir);
      const back = await RewardModel.load(dir);
      expect(back.settings.lexical).toBe('tfidf');
      expect(back.tfidf!.toJSON()).toEqual(rm.tfidf!.toJSON());
      const a = await rm.score([CV, 'nurse'], [JD, JD]);
      const b = await back.score([CV, 'nurse'], [JD, JD]);
      b.forEach((s, i) => expect(s).toBeCloseTo(a[i] as number, 5));
      back.dispose();
      // format version 2 (older releases refuse it instead of dropping the head); unknown head weights are refused
      const state = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8'));
      expect(state.version).toBe(2);
      // a damaged IDF table is refused with the file named
      const file = join(dir, 'lexical-tfidf.json');
      await writeFile(file, (await readFile(file, 'utf8')).replace('girl-tfidf', 'nope'));
      await expect(RewardModel.load(dir)).rejects.toThrow(/lexical-tfidf.json|sha256|checksum/i);
    } finally {
      await rmDir(dir, { recursive: true, force: true });
    }
    rm.dispose();
  });

  it('warm start: fits the wide part alone first (the convex optimum) and evaluates it at step 0', async () => {
    const tokenizer = microTokenizer();
    const rm = RewardModel.create({ tokenizer, backbone, lexical: 'tfidf', lexicalCorpus: MICRO_TEXTS, seed: 6 });
    const r = await trainRewardModel({ model: rm, train: rows, valid: rows, config: { maxSteps: 1, learningRate: 1e-9, evalSteps: 1, loadBestModelAtEnd: false, seed: 1 } });
    const fit = r.lexicalWarmStart!;
    expect(fit.lossAfter).toBeLessThan(fit.lossBefore);
    expect(fit.weights.every((w) => w > 0)).toBe(true); // both features favour the matched pairs
    expect(r.evals.map((e) => e.step)).toEqual([0, 1]);
    expect(r.evals[0]?.metrics.pairwiseAccuracy).toBe(1); // the keyword screen alone already ranks these
    const w = Array.from(rm.head.lexical!.dataSync());
    w.forEach((v, i) => expect(v).toBeCloseTo(fit.weights[i] as number, 3)); // lr 1e-9: still the fitted optimum
    rm.dispose();
  });
});

describe("RewardModel with lexical: 'screen'", () => {
  beforeAll(async () => {
    await initBackend('auto');
  });
  const backbone = { contextLength: 96, dModel: 16, nLayer: 1, nHead: 2 };
  const SCREEN_CV = '## Summary\nSenior Data Engineer, 7 years of experience.\n## Skills\n- Python\n- SQL';
  const SCREEN_JD = '## Job Title\nSenior Data Engineer\n## Required Skills\n- Python\n- SQL';

  it('has six wide features (TF-IDF then the screen), and saves and loads them', async () => {
    expect(lexicalFeatureCount('screen')).toBe(6);
    const tokenizer = microTokenizer();
    expect(() => RewardModel.create({ tokenizer, backbone, lexical: 'screen' })).toThrow(/lexical: 'screen' needs lexicalCorpus/);
    const rm = RewardModel.create({ tokenizer, backbone, lexical: 'screen', lexicalCorpus: [...MICRO_TEXTS, SCREEN_CV, SCREEN_JD], seed: 6 });
    expect(rm.head.lexical!.shape).toEqual([6, 1]);
    const x = rm.encode(SCREEN_CV, SCREEN_JD).lexical!;
    expect(Array.from(x.slice(2))).toEqual([1, 1, 1, 1]);
    expect(Array.from(lexicalFeatures(rm.tfidf!, SCREEN_CV, SCREEN_JD, 'screen').slice(0, 2))).toEqual(Array.from(lexicalFeatures(rm.tfidf!, SCREEN_CV, SCREEN_JD)));
    rm.head.lexical!.assign(tf.tensor2d([[0], [0], [0.5], [0], [0], [0.2]]));
    const dir = await mkdtemp(join(tmpdir(), 'girl-rm-screen-'));
    try {
      await rm.save(dir);
      const back = await RewardModel.load(dir);
      expect(back.settings.lexical).toBe('screen');
      const a = await rm.score([SCREEN_CV, 'nurse'], [SCREEN_JD, SCREEN_JD]);
      const b = await back.score([SCREEN_CV, 'nurse'], [SCREEN_JD, SCREEN_JD]);
      b.forEach((s, i) => expect(s).toBeCloseTo(a[i] as number, 5));
      back.dispose();
    } finally {
      await rmDir(dir, { recursive: true, force: true });
    }
    rm.dispose();
  });
});
