import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, tf } from '@girl/tensor';
import { Tokenizer } from '@girl/tokenizer';
import { createJobMarket } from '@girl/data';
import { TrainingDivergedError, trainSft } from './trainer.js';
import type { SftConfig, StepEvent } from './trainer.js';
import { loadModelFromCheckpoint, loadSftCheckpoint } from '../checkpoint.js';
import { GPT } from '../model/gpt.js';
import { encodeSftExample } from './template.js';
import { targetIds, unigramCrossEntropy } from '../metrics/unigram.js';
import { MICRO_TEXTS, microModel, microTokenizer } from '../testing/micro.js';

const pairs = Array.from({ length: 12 }, (_, i) => ({ cv: MICRO_TEXTS[i % 7]!, jd: MICRO_TEXTS[(i * 3 + 1) % 7]! }));
const tmp = (p: string) => mkdtemp(join(tmpdir(), p));

describe('trainSft', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('resume after N steps continues exactly like an uninterrupted run (weights, AdamW, data order, dropout RNG)', async () => {
    const tok = microTokenizer();
    const config: SftConfig = { maxSteps: 6, perDeviceTrainBatchSize: 2, gradientAccumulationSteps: 2, evalSteps: 3, learningRate: 3e-3, warmupSteps: 2, seed: 5 };
    const a = microModel(tok, { dropout: 0.1 }, 31);
    const full = await trainSft({ model: a, tokenizer: tok, train: pairs, valid: pairs.slice(0, 4), config });
    expect(full.losses).toHaveLength(6);

    const dir = await tmp('girl-sft-resume-');
    const b = microModel(tok, { dropout: 0.1 }, 31);
    const ctl = new AbortController();
    const first = await trainSft({
      model: b, tokenizer: tok, train: pairs, valid: pairs.slice(0, 4), signal: ctl.signal,
      config: { ...config, checkpointDir: dir, metricsFile: join(dir, 'metrics.jsonl') },
      events: { onStep: (e) => e.step === 3 && ctl.abort() },
    });
    expect(first.reason).toBe('aborted');
    expect(first.losses).toEqual(full.losses.slice(0, 3));
    b.dispose();

    const c = microModel(tok, { dropout: 0.1 }, 99); // different init: the checkpoint must overwrite it
    const second = await trainSft({
      model: c, tokenizer: tok, train: pairs, valid: pairs.slice(0, 4),
      config: { ...config, checkpointDir: dir, metricsFile: join(dir, 'metrics.jsonl'), resume: true },
    });
    expect(second.resumedFrom).toBe(3);
    expect(second.losses).toEqual(full.losses.slice(3));
    expect(second.lastValLoss).toBe(full.lastValLoss);
    for (const [name, p] of Object.entries(a.params)) expect(Array.from(c.params[name]!.dataSync())).toEqual(Array.from(p.dataSync()));

    // the metrics file reads as one run: steps 1..6 once each, evals at 3 and 6
    const records = (await readFile(join(dir, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { type: string; step: number; loss?: number });
    expect(records.filter((r) => r.type === 'step').map((r) => r.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(records.filter((r) => r.type === 'eval').map((r) => r.step)).toEqual([3, 6]);
    expect(records.filter((r) => r.type === 'step').map((r) => r.loss)).toEqual(full.losses);

    // the checkpoint holds tokenizer and config, and loads as a model
    const { model: loaded, tokenizer, state } = await loadModelFromCheckpoint(join(dir, 'last'));
    expect(state.step).toBe(6);
    expect(tokenizer.toJSON()).toEqual(tok.toJSON());
    expect(Array.from(loaded.params['transformer.wte.weight']!.dataSync())).toEqual(Array.from(a.params['transformer.wte.weight']!.dataSync()));
    a.dispose();
    c.dispose();
    loaded.dispose();
  });

  it('a NaN loss throws TrainingDivergedError naming the step and leaves the last checkpoint untouched', async () => {
    const tok = microTokenizer();
    const dir = await tmp('girl-sft-nan-');
    const model = microModel(tok, {}, 32);
    let manifestBefore = '';
    const run = trainSft({
      model, tokenizer: tok, train: pairs,
      config: { maxSteps: 10, perDeviceTrainBatchSize: 4, evalSteps: 0, saveSteps: 2, checkpointDir: dir },
      events: {
        onStep: (e: StepEvent) => {
          if (e.step !== 3) return;
          // poison a weight after step 3: step 4's loss is NaN
          const w = model.params['transformer.h.0.mlp.c_fc.weight']!;
          w.assign(tf.fill(w.shape, NaN));
        },
        onCheckpoint: () => undefined,
      },
    });
    await expect(run).rejects.toThrow(TrainingDivergedError);
    await expect(run).rejects.toThrow(/diverged at step 4: the loss is NaN/);
    manifestBefore = await readFile(join(dir, 'last', 'manifest.json'), 'utf8');
    const ck = await loadSftCheckpoint(join(dir, 'last'));
    expect(ck.state.step).toBe(2);
    expect(Array.from(ck.tensors['transformer.h.0.mlp.c_fc.weight']!.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([...Object.values(ck.tensors), ...Object.values(ck.optimizer.slots)]);
    expect(await readFile(join(dir, 'last', 'manifest.json'), 'utf8')).toBe(manifestBefore);
    model.dispose();
  });

  it('stops early when validation loss stops improving, and checks its config', async () => {
    const tok = microTokenizer();
    const model = microModel(tok, {}, 33);
    const r = await trainSft({
      model, tokenizer: tok, train: pairs, valid: pairs.slice(0, 4),
      config: { maxSteps: 20, perDeviceTrainBatchSize: 4, evalSteps: 2, earlyStoppingPatience: 2, earlyStoppingThreshold: 1e9 },
    });
    expect(r.reason).toBe('early-stopping');
    expect(r.evals.map((e) => e.step)).toEqual([2, 4, 6]);
    expect(r.evals.map((e) => e.best)).toEqual([true, false, false]);
    await expect(trainSft({ model, tokenizer: tok, train: pairs, config: { perDeviceTrainBatchSize: 0 } })).rejects.toThrow(/perDeviceTrainBatchSize/);
    await expect(trainSft({ model, tokenizer: tok, train: pairs, config: { resume: true } })).rejects.toThrow(/checkpointDir/);
    // a name from before #14 is refused with its new name, not silently ignored
    await expect(trainSft({ model, tokenizer: tok, train: pairs, config: { lr: 1e-4 } as never })).rejects.toThrow(/SftConfig: unknown field 'lr' \(renamed 'learningRate'\)/);
    await expect(trainSft({ model, tokenizer: tok, train: pairs, config: { checkpointDir: await tmp('girl-sft-none-'), resume: true } })).rejects.toThrow(/no checkpoint at/);
    model.dispose();
  });

  it('learns: held-out validation loss on the synthetic market drops well below the unigram baseline', async () => {
    const market = createJobMarket({ seed: 3, people: 140 });
    const train = market.sftPairs.slice(0, 120);
    const valid = market.sftPairs.slice(120); // other people
    const tok = Tokenizer.train(train.flatMap((p) => [p.cv, p.jd]), { vocabSize: 800 });
    const model = GPT.create({ vocabSize: tok.vocabSize, contextLength: 384, dModel: 64, nLayer: 2, nHead: 4 }, { seed: 1 });
    const r = await trainSft({ model, tokenizer: tok, train, valid, config: { numTrainEpochs: 4, perDeviceTrainBatchSize: 4, learningRate: 3e-3, evalSteps: 0, seed: 1 } });
    const enc = (ps: typeof train) => ps.map((p) => encodeSftExample(tok, p, { maxLength: 384 }));
    const unigram = unigramCrossEntropy(targetIds(enc(train)), targetIds(enc(valid)), tok.vocabSize);
    expect(r.data.jdTruncated).toBe(0);
    expect(r.losses[r.losses.length - 1]!).toBeLessThan(r.losses[0]!);
    expect(r.lastValLoss!).toBeLessThan(unigram - 1.0);
    console.log(`learning test: unigram ${unigram.toFixed(3)} nats, validation ${r.lastValLoss!.toFixed(3)} nats after ${r.steps} steps`);
    model.dispose();
  }, 180_000);
});
