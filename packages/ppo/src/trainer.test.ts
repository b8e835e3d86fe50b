import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '@girl/tensor';
import type { GPT } from '@girl/generator';
import type { Tokenizer } from '@girl/tokenizer';
import { PpoTrainer, copyModel } from './trainer.js';
import type { PpoMetrics } from './metrics.js';
import type { PpoConfigInput } from './config.js';
import { loadPpoCheckpoint, resumePpo } from './checkpoint.js';
import { skillShare, toyPairs, toyPolicy, toyTokenizer } from './testing/toy.js';

let tok: Tokenizer;
let sft: GPT; // pre-trained once; every test fine-tunes its own copy
let cvs: string[];
const dirs: string[] = [];

beforeAll(async () => {
  await initBackend('auto');
  const pairs = toyPairs(200);
  tok = toyTokenizer(pairs);
  sft = toyPolicy(tok, pairs, 60);
  cvs = pairs.map((p) => p.cv);
});
afterAll(async () => {
  sft.dispose();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const base: PpoConfigInput = { batchSize: 16, miniBatchSize: 8, learningRate: 1e-3, maxNewTokens: 10, temperature: 1, initKlCoef: 0.05, seed: 1 };
const reward = (_cv: string, jd: string) => skillShare(jd, 'python');
const avg = (ms: PpoMetrics[], key: keyof PpoMetrics) => ms.reduce((s, m) => s + (m[key] as number), 0) / ms.length;

async function run(config: PpoConfigInput, steps: number): Promise<{ metrics: PpoMetrics[]; trainer: PpoTrainer; policy: GPT }> {
  const policy = copyModel(sft);
  const trainer = new PpoTrainer({ policy, tokenizer: tok, reward, prompts: cvs, config: { ...base, ...config, maxSteps: steps } });
  const metrics = await trainer.train();
  return { metrics, trainer, policy };
}

function done(r: { trainer: PpoTrainer; policy: GPT }): void {
  r.trainer.dispose();
  r.policy.dispose();
}

describe('PpoTrainer learning', () => {
  it('a toy reward (JDs that name "python") rises clearly while the KL stays bounded', async () => {
    const r = await run({}, 24);
    const start = avg(r.metrics.slice(0, 3), 'objective/raw_scores'); // ≈ 1/6: the SFT model names 6 skills evenly
    const end = avg(r.metrics.slice(-5), 'objective/raw_scores');
    expect(start).toBeLessThan(0.3);
    expect(end).toBeGreaterThan(start + 0.35);
    expect(avg(r.metrics.slice(-5), 'objective/kl')).toBeLessThan(8); // nats per JD
    expect(r.metrics.every((m) => m['val/num_eos_tokens'] >= 14)).toBe(true); // responses keep stopping
    done(r);
  });

  it("advantage 'rloo': each CV answered samplesPerPrompt times, and the toy reward rises under a CV-dependent offset", async () => {
    // the score's spread is mostly the CV (an offset of 0–3 from its length), as on the job market
    const offset = (cv: string) => (cv.length % 7) / 2;
    const policy = copyModel(sft);
    const groups: string[][] = [];
    const trainer = new PpoTrainer({
      policy,
      tokenizer: tok,
      reward: (cv, jd) => offset(cv) + skillShare(jd, 'python'),
      prompts: cvs,
      config: { ...base, advantage: 'rloo', samplesPerPrompt: 4, maxSteps: 24 },
      events: { onRollout: (samples) => void groups.push(samples.map((x) => x.cv)) },
    });
    const metrics = await trainer.train();
    // rows g·4 … g·4 + 3 share one CV; four CVs per batch of 16
    for (const cvsOfStep of groups) for (let g = 0; g < 16; g += 4) expect(new Set(cvsOfStep.slice(g, g + 4)).size).toBe(1);
    expect(new Set(groups[0]).size).toBe(4);
    const mean = (ms: PpoMetrics[], from: number, to: number) => {
      let s = 0;
      let n = 0;
      for (let st = from; st < to; st++) {
        for (const cv of groups[st]!) {
          s -= offset(cv);
          n++;
        }
      }
      return (avg(ms.slice(from, to), 'objective/raw_scores') * (to - from) * 16 + s) / n; // the skill share alone
    };
    const start = mean(metrics, 0, 3);
    const end = mean(metrics, 19, 24);
    expect(start).toBeLessThan(0.3);
    expect(end).toBeGreaterThan(start + 0.35);
    expect(avg(metrics.slice(-5), 'objective/kl')).toBeLessThan(8);
    trainer.dispose();
    policy.dispose();
  });

  it("advantage 'remax': samples are measured against the greedy JD of their CV, and the toy reward rises", async () => {
    const greedyCalls: number[] = [];
    let calls = 0;
    const counting = (cv: string, jd: string) => {
      calls++;
      return reward(cv, jd);
    };
    const policy = copyModel(sft);
    const trainer = new PpoTrainer({
      policy,
      tokenizer: tok,
      reward: counting,
      prompts: cvs,
      config: { ...base, advantage: 'remax', samplesPerPrompt: 4, maxSteps: 24 },
      events: { onStep: () => void greedyCalls.push(calls) },
    });
    const metrics = await trainer.train();
    expect(greedyCalls[0]).toBe(16 + 4); // 16 samples and one greedy JD for each of the 4 CVs
    expect(avg(metrics.slice(0, 3), 'objective/raw_scores')).toBeLessThan(0.3);
    // advantages keep their sign (better or worse than greedy): with 2 samples a CV few beat greedy and the
    // reward rose only 0.21 → 0.27 in 24 steps; with 4, 0.29 → 0.66 (2026-11-30)
    expect(avg(metrics.slice(-5), 'objective/raw_scores')).toBeGreaterThan(avg(metrics.slice(0, 3), 'objective/raw_scores') + 0.3);
    expect(avg(metrics.slice(-5), 'objective/kl')).toBeLessThan(8);
    trainer.dispose();
    policy.dispose();
  });

  it('a huge KL coefficient keeps the policy at the reference', async () => {
    const r = await run({ initKlCoef: 5 }, 16);
    const last = r.metrics.slice(-8);
    expect(Math.abs(avg(last, 'objective/kl'))).toBeLessThan(0.5); // k1: single batches may dip below 0
    expect(avg(last, 'objective/raw_scores')).toBeLessThan(0.3);
    done(r);
  });
});

describe('PpoTrainer mechanics', () => {
  it('starts at exactly zero KL (k1 and k3, temperature ≠ 1): rollout and scoring share one distribution', async () => {
    for (const klEstimator of ['k1', 'k3'] as const) {
      const r = await run({ klEstimator, temperature: 0.7 }, 1);
      expect(r.metrics[0]!['objective/kl']).toBe(0); // k3 ≥ 0 per token, so a zero sum means every token is 0
      expect(r.metrics[0]!['objective/non_score_reward']).toBe(0);
      done(r);
    }
  });

  it('stops the PPO epochs early once the approximate KL passes targetKl', async () => {
    const r = await run({ targetKl: 1e-9, ppoEpochs: 4 }, 1);
    const m = r.metrics[0]!;
    expect(m['ppo/early_stopped']).toBe(true);
    expect(m['ppo/updates']).toBeLessThan(8);
    expect(m['ppo/updates']).toBeGreaterThanOrEqual(1);
    done(r);
  });

  it('frees every tensor a step makes (memory stays flat)', async () => {
    const policy = copyModel(sft);
    const trainer = new PpoTrainer({ policy, tokenizer: tok, reward, prompts: cvs, config: { ...base, maxSteps: 4, targetKl: 0.5 } });
    await trainer.step(); // creates the optimizer's moments
    const before = tf.memory().numTensors;
    await trainer.step();
    await trainer.step();
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
    policy.dispose();
  });

  it('train({ signal }) stops at a step boundary when aborted, and an already-aborted signal runs no step', async () => {
    const policy = copyModel(sft);
    const stop = new AbortController();
    const trainer = new PpoTrainer({
      policy,
      tokenizer: tok,
      reward,
      prompts: cvs,
      config: { ...base, maxNewTokens: 4, maxSteps: 5 },
      events: { onStep: (m) => (m.step === 2 ? stop.abort() : undefined) },
    });
    const ms = await trainer.train({ signal: stop.signal });
    expect(ms.map((m) => m.step)).toEqual([1, 2]);
    expect(trainer.stepCount).toBe(2);
    expect(await trainer.train({ signal: stop.signal })).toEqual([]);
    expect(trainer.stepCount).toBe(2);
    done({ trainer, policy });
  });

  it('penalises responses that never stop', async () => {
    const r = await run({ maxNewTokens: 2, missingEosPenalty: 1 }, 1);
    const m = r.metrics[0]!;
    const unfinished = 16 - m['val/num_eos_tokens'];
    expect(unfinished).toBeGreaterThan(0);
    expect(m['val/response_length']).toBeLessThanOrEqual(2);
    expect(m['objective/scores']).toBeCloseTo(m['objective/raw_scores'] - unfinished / 16, 6);
    done(r);
  });

  it('writes TRL-named metrics to the JSONL file and the callback', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'girl-ppo-metrics-'));
    dirs.push(dir);
    const seen: PpoMetrics[] = [];
    const policy = copyModel(sft);
    const trainer = new PpoTrainer({ policy, tokenizer: tok, reward, prompts: cvs, config: { ...base, maxSteps: 2, metricsFile: join(dir, 'm', 'metrics.jsonl') }, events: { onStep: (m) => void seen.push(m) } });
    await trainer.train();
    const lines = (await readFile(join(dir, 'm', 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as PpoMetrics);
    expect(lines).toEqual(seen);
    expect(lines.map((l) => l.step)).toEqual([1, 2]);
    for (const k of ['objective/kl', 'objective/entropy', 'objective/scores', 'objective/rlhf_reward', 'policy/approxkl_avg', 'policy/clipfrac_avg', 'loss/policy_avg', 'loss/value_avg', 'val/clipfrac_avg', 'lr', 'time/tokens_per_s'] as const) {
      expect(Number.isFinite(lines[1]![k])).toBe(true);
    }
    expect(lines[1]!.lr).toBe(1e-3);
    trainer.dispose();
    policy.dispose();
  });

  it('rejects a reward that is not a finite number, and bad configs', async () => {
    const policy = copyModel(sft);
    const bad = new PpoTrainer({ policy, tokenizer: tok, reward: () => Number.NaN, prompts: cvs, config: base });
    await expect(bad.step()).rejects.toThrow(/finite number/);
    bad.dispose();
    expect(() => new PpoTrainer({ policy, tokenizer: tok, reward, prompts: cvs, config: { batchSize: 16, miniBatchSize: 5 } })).toThrow(/divisor of batchSize/);
    expect(() => new PpoTrainer({ policy, tokenizer: tok, reward, prompts: cvs, config: { learningRte: 1 } as never })).toThrow(/unknown field 'learningRte' \(did you mean 'learningRate'\?\)/);
    expect(() => new PpoTrainer({ policy, tokenizer: tok, reward, prompts: [], config: base })).toThrow(/non-empty/);
    expect(() => new PpoTrainer({ policy, tokenizer: tok, reward, prompts: cvs, config: { ...base, maxNewTokens: 30 } })).toThrow(/lower maxNewTokens/);
    policy.dispose();
  });
});

describe('checkpoint and resume', () => {
  it('a resumed run continues exactly like an uninterrupted one (value head, optimizer, KL controller, RNG)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'girl-ppo-ckpt-'));
    dirs.push(dir);
    const ckpt = join(dir, 'ckpt');
    const config: PpoConfigInput = { ...base, adaptiveKl: true, initKlCoef: 0.1, horizon: 100, scoreScaling: true, maxSteps: 2, checkpointDir: ckpt, saveSteps: 100 };
    const policy = copyModel(sft);
    const a = new PpoTrainer({ policy, tokenizer: tok, reward, prompts: cvs, config });
    await a.train(); // saves at step 2 (the last step)
    const cont = [await a.step(), await a.step()]; // steps 3, 4: not saved (saveSteps 100)

    const loaded = await loadPpoCheckpoint(ckpt);
    expect(loaded.state.trainer.step).toBe(2);
    expect(loaded.state.trainer.klController.kind).toBe('adaptive');
    expect(loaded.state.trainer.klController.value).not.toBe(0.1); // the controller moved and was saved
    const vHead = loaded.valueHead.params['v_head.weight']!;
    expect(tf.max(tf.abs(vHead)).dataSync()[0]).toBeGreaterThan(0); // the value head learned and was saved
    loaded.policy.dispose();
    loaded.reference.dispose();
    loaded.valueHead.dispose();
    tf.dispose(Object.values(loaded.optimizerSlots));

    const b = await resumePpo(ckpt, { tokenizer: tok, reward, prompts: cvs, config: { checkpointDir: null } });
    expect(b.stepCount).toBe(2);
    const resumed = [await b.step(), await b.step()];
    const strip = (m: PpoMetrics) => Object.fromEntries(Object.entries(m).filter(([k]) => !k.startsWith('time/') && k !== 'eps'));
    expect(resumed.map(strip)).toEqual(cont.map(strip));
    a.dispose();
    policy.dispose();
    b.dispose(); // frees the reference and value head resumePpo loaded; the policy is ours
    b.policy.dispose();
  });

  it('a copied run resumes into the copy: no absolute path in state.json, the log rewound to the checkpoint', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'girl-ppo-move-'));
    dirs.push(dir);
    const orig = join(dir, 'orig');
    const config: PpoConfigInput = { ...base, maxSteps: 2, checkpointDir: join(orig, 'ckpt'), saveSteps: 1, metricsFile: join(orig, 'metrics.jsonl') };
    const policy = copyModel(sft);
    const a = new PpoTrainer({ policy, tokenizer: tok, reward, prompts: cvs, config });
    await a.step(); // step 1: logged and saved
    await a.step(); // step 2: logged and saved
    a.dispose();
    policy.dispose();
    const stateText = await readFile(join(orig, 'ckpt', 'state.json'), 'utf8');
    expect(stateText).not.toContain(dir);
    const copy = join(dir, 'copy');
    await cp(orig, copy, { recursive: true });
    const origLog = await readFile(join(orig, 'metrics.jsonl'), 'utf8');
    const b = await resumePpo(join(copy, 'ckpt'), { tokenizer: tok, reward, prompts: cvs, config: { maxSteps: 3 } });
    expect(b.config.checkpointDir).toBe(join(copy, 'ckpt'));
    await b.step(); // step 3, into the copy only
    const copyLog = (await readFile(join(copy, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => (JSON.parse(l) as PpoMetrics).step);
    expect(copyLog).toEqual([1, 2, 3]);
    expect(await readFile(join(orig, 'metrics.jsonl'), 'utf8')).toBe(origLog);
    const again = await loadPpoCheckpoint(join(copy, 'ckpt'));
    expect(again.state.trainer.step).toBe(3);
    for (const m of [again.policy, again.reference, again.valueHead]) m.dispose();
    tf.dispose(Object.values(again.optimizerSlots));
    expect((JSON.parse(await readFile(join(orig, 'ckpt', 'state.json'), 'utf8')) as { trainer: { step: number } }).trainer.step).toBe(2);
    b.dispose(); // frees the reference and value head resumePpo loaded; the policy is ours
    b.policy.dispose();
  });
});
