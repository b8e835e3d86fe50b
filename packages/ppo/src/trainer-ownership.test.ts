import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { causalMask } from '@girl/tensor/internal';
import { initBackend, tf } from '@girl/tensor';
import type { GPT } from '@girl/generator';
import type { Tokenizer } from '@girl/tokenizer';
import { PpoTrainer } from './trainer.js';
import type { PpoConfigInput } from './config.js';
import { resumePpo, savePpoCheckpoint } from './checkpoint.js';
import { skillShare, toyPairs, toyPolicy, toyTokenizer } from './testing/toy.js';

// Who frees what: live tensors stay flat across steps whose PPO epochs stop early, across a resume, and
// return to where they were once the trainer is disposed (optimizer moments included).
let tok: Tokenizer;
let sft: GPT;
let cvs: string[];
let dir: string;

beforeAll(async () => {
  await initBackend('auto');
  const pairs = toyPairs(64);
  tok = toyTokenizer(pairs);
  sft = toyPolicy(tok, pairs, 20);
  cvs = pairs.map((p) => p.cv);
  // @girl/tensor keeps one causal mask per sequence length for good: make them all before counting tensors
  for (let t = 1; t <= sft.config.contextLength; t++) causalMask(t);
  dir = await mkdtemp(join(tmpdir(), 'girl-ppo-own-'));
}, 300_000); // trains the toy SFT model
afterAll(async () => {
  sft?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const reward = (_cv: string, jd: string) => skillShare(jd, 'python');
// targetKl 1e-9: the approximate KL passes it on the first minibatch after the first update, every step
const config: PpoConfigInput = { batchSize: 8, miniBatchSize: 4, ppoEpochs: 3, learningRate: 1e-3, maxNewTokens: 8, seed: 3, targetKl: 1e-9, maxSteps: 10 };
const live = () => tf.memory().numTensors;

describe('PpoTrainer tensor ownership', () => {
  it('steps whose PPO epochs stop early leave no tensor behind, and dispose() frees all the trainer made', async () => {
    const policy = sft.clone();
    const start = live();
    const trainer = new PpoTrainer({ policy, tokenizer: tok, reward, prompts: cvs, config });
    const first = await trainer.step(); // creates the optimizer's moments
    expect(first['ppo/early_stopped']).toBe(true);
    const afterFirst = live();
    for (let i = 0; i < 3; i++) expect((await trainer.step())['ppo/early_stopped']).toBe(true);
    expect(live()).toBe(afterFirst);
    trainer.dispose();
    expect(live()).toBe(start); // reference copy, value head and AdamW's m and v are gone; the policy stays
    expect(policy.params['transformer.wte.weight']!.isDisposed).toBe(false);
    trainer.dispose(); // a second call is harmless
    expect(live()).toBe(start);
    policy.dispose();
  });

  it('a resumed trainer steps without leaking and its dispose() frees the reference and value head it loaded', async () => {
    const policy = sft.clone();
    const a = new PpoTrainer({ policy, tokenizer: tok, reward, prompts: cvs, config });
    await a.step();
    const ckpt = join(dir, 'ckpt');
    await savePpoCheckpoint(ckpt, a);
    a.dispose();
    policy.dispose();

    const start = live();
    const b = await resumePpo(ckpt, { tokenizer: tok, reward, prompts: cvs, config: { checkpointDir: null } });
    expect(b.stepCount).toBe(1);
    await b.step();
    const afterFirst = live();
    await b.step();
    await b.step();
    expect(live()).toBe(afterFirst);
    b.dispose();
    expect(b.reference.params['transformer.wte.weight']!.isDisposed).toBe(true);
    expect(b.policy.params['transformer.wte.weight']!.isDisposed).toBe(false); // the caller's to keep
    b.policy.dispose();
    expect(live()).toBe(start);
  });

  it('what the caller passes in stays the caller\'s unless handed over with owns', () => {
    const policy = sft.clone();
    const reference = sft.clone();
    const kept = new PpoTrainer({ policy, reference, tokenizer: tok, reward, prompts: cvs, config });
    kept.dispose();
    expect(reference.params['transformer.wte.weight']!.isDisposed).toBe(false);
    const given = new PpoTrainer({ policy, reference, owns: { reference: true }, tokenizer: tok, reward, prompts: cvs, config });
    given.dispose();
    expect(reference.params['transformer.wte.weight']!.isDisposed).toBe(true);
    policy.dispose();
  });
});
