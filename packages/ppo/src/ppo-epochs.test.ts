import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@girl/core';
import { AdamW, DivergenceError, initBackend, tf } from '@girl/tensor';
import { GPT } from '@girl/generator';
import { resolvePpoConfig } from './config.js';
import { runPpoEpochs } from './ppo-epochs.js';
import { buildSequences } from './sequences.js';
import { ValueHead } from './value-head.js';

beforeAll(async () => {
  await initBackend('auto');
});

/** A random-weight policy, its value head and optimizer, and a two-row batch (R = 2). */
function setup() {
  const policy = GPT.create({ vocabSize: 16, contextLength: 16, dModel: 8, nLayer: 1, nHead: 2, dropout: 0 }, { seed: 1 });
  const valueHead = ValueHead.create(8);
  const params = { ...policy.params, ...valueHead.params };
  const optimizer = new AdamW(params, { lr: 1e-2 });
  const batch = buildSequences([[1, 2], [1, 3]], [[4, 5], [6]], 0);
  const config = resolvePpoConfig({ batchSize: 2, miniBatchSize: 1, ppoEpochs: 2, checkpointDir: 'runs/x/ppo' });
  const input = { policy, valueHead, optimizer, varList: Object.values(params), config, rng: new Rng(5), step: 7 };
  const zeros = () => new Float32Array(4);
  const dispose = () => {
    optimizer.dispose();
    valueHead.dispose();
    policy.dispose();
  };
  return { input, batch, zeros, dispose, weight: () => Array.from(policy.params['transformer.wte.weight']!.dataSync()) };
}

describe('runPpoEpochs', () => {
  it('applies one update per minibatch and epoch when everything is finite', async () => {
    const s = setup();
    const before = s.weight();
    const { stats, earlyStopped } = await runPpoEpochs(s.input, s.batch, { oldLogprobs: s.zeros(), oldValues: s.zeros(), advantages: Float32Array.of(1, -1, 0.5, 0), returns: s.zeros() });
    expect(stats.n).toBe(4);
    expect(earlyStopped).toBe(false);
    expect(s.weight()).not.toEqual(before);
    s.dispose();
  });

  it('a NaN loss throws a DivergenceError naming stage, step and value, and leaves the weights and tensors as they were', async () => {
    const s = setup();
    const before = s.weight();
    const live = tf.memory().numTensors;
    const err = await runPpoEpochs(s.input, s.batch, { oldLogprobs: s.zeros(), oldValues: s.zeros(), advantages: Float32Array.of(Number.NaN, 1, Number.NaN, 0), returns: s.zeros() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DivergenceError);
    const d = err as DivergenceError;
    expect([d.stage, d.step, d.what, Number.isNaN(d.value)]).toEqual(['ppo', 7, 'loss', true]);
    expect(d.message).toMatch(/PPO diverged at step 7.*runs\/x\/ppo\/last.*learningRate/);
    expect(s.weight()).toEqual(before);
    expect(tf.memory().numTensors).toBe(live);
    s.dispose();
  });
});
