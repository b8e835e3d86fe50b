import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { loadSafetensors, saveSafetensors } from '../io/safetensors-file.js';
import { describeEachBackendAndGpu } from '../test-utils/each-backend.js';
import { AdamW } from './adamw.js';

let unique = 0;
const name = (base: string) => `adamw-test-${base}-${unique++}`;

describeEachBackendAndGpu('AdamW', () => {
  const owned: tf.Variable[] = [];
  const variable = (values: number[] | number[][], key: string) => {
    const v = tf.variable(tf.tidy(() => tf.tensor(values)), true, name(key));
    owned.push(v);
    return v;
  };
  afterEach(() => {
    for (const v of owned.splice(0)) v.dispose();
  });

  it('matches a hand-computed AdamW reference over 3 steps (decay, bias correction, schedule)', async () => {
    const w = variable([[0.5, -1.5]], 'w');
    const lrs = [0.1, 0.05, 0.2];
    const opt = new AdamW({ w }, { lr: (s) => lrs[s]!, weightDecay: 0.1 });
    const gradSeq = [
      [0.1, -0.2],
      [0.3, 0.05],
      [-0.4, 0],
    ];
    // Reference in plain double-precision JS, textbook form.
    const p = [0.5, -1.5];
    const m = [0, 0];
    const v = [0, 0];
    for (let t = 1; t <= 3; t++) {
      const g = gradSeq[t - 1]!;
      const lr = lrs[t - 1]!;
      for (let i = 0; i < 2; i++) {
        m[i] = 0.9 * m[i]! + 0.1 * g[i]!;
        v[i] = 0.999 * v[i]! + 0.001 * g[i]! * g[i]!;
        const mHat = m[i]! / (1 - 0.9 ** t);
        const vHat = v[i]! / (1 - 0.999 ** t);
        p[i] = p[i]! - lr * 0.1 * p[i]!; // decoupled weight decay
        p[i] = p[i]! - (lr * mHat) / (Math.sqrt(vHat) + 1e-8);
      }
      expect(opt.getLearningRate()).toBe(lr);
      const grad = tf.tensor2d([g]);
      opt.step({ w: grad });
      grad.dispose();
      const got = (await w.data());
      expect(got[0]).toBeCloseTo(p[0]!, 6);
      expect(got[1]).toBeCloseTo(p[1]!, 6);
    }
    // Hand check of step 1 for element 0: m̂ = 0.1, v̂ = 0.01 → update = lr·1 = 0.1; decay 0.5·0.01.
    expect(opt.stepCount).toBe(3);
    opt.dispose();
  });

  it('decays rank>=2 weights only by default and skips parameters without gradients', async () => {
    const w = variable([[1, 2]], 'w');
    const b = variable([1, 2], 'b');
    const frozen = variable([[3, 4]], 'frozen');
    const opt = new AdamW({ w, b, frozen }, { lr: 0.5, weightDecay: 0.2 });
    expect([opt.isDecayed('w'), opt.isDecayed('b'), opt.isDecayed('frozen')]).toEqual([true, false, true]);
    const zw = tf.zeros([1, 2]);
    const zb = tf.zeros([2]);
    opt.step({ w: zw, b: zb }); // zero gradient: Adam's update is 0, only decay acts
    expect(Array.from((await w.data()))).toEqual([0.9, 1.8].map(Math.fround));
    expect(Array.from((await b.data()))).toEqual([1, 2]);
    expect(Array.from((await frozen.data()))).toEqual([3, 4]);
    expect(opt.getState().step).toBe(1);
    const state = opt.getState();
    expect(Object.keys(state.slots).sort()).toEqual(['m/b', 'm/w', 'v/b', 'v/w']);
    tf.dispose([zw, zb, ...Object.values(state.slots)]);
    const all = new AdamW({ b }, { lr: 0.5, weightDecay: 0.2, decayFilter: () => true });
    expect(all.isDecayed('b')).toBe(true);
    opt.dispose();
  });

  it('accepts gradients keyed by variable name (tf.variableGrads) and checks shapes and names', async () => {
    const w = variable([[1, 2]], 'w');
    const opt = new AdamW({ w }, { lr: 0.1 });
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(w)) as tf.Scalar, [w]);
    expect(Object.keys(grads)).toEqual([w.name]);
    opt.step(grads);
    expect((await w.data())[0]).toBeLessThan(1);
    tf.dispose([value, grads]);
    const bad = tf.zeros([2, 1]);
    const before = Array.from((await w.data()));
    expect(() => opt.step({ w: bad })).toThrow(/gradient for 'w' has shape \[2, 1\] but the parameter has shape \[1, 2\]/);
    expect(() => opt.step({ nope: bad })).toThrow(/'nope', which is not one of the optimizer's parameters \(w\)/);
    expect(Array.from((await w.data()))).toEqual(before);
    expect(opt.stepCount).toBe(1);
    const nanLr = new AdamW({ w }, { lr: () => Number.NaN });
    const g = tf.zeros([1, 2]);
    expect(() => nanLr.step({ w: g })).toThrow(/learning rate for step 0 is NaN/);
    tf.dispose([bad, g]);
    opt.dispose();
    expect(() => new AdamW({ w }, { lr: 0.1, beta2: 1 })).toThrow(/beta2 must be in \[0, 1\)/);
    const i = tf.variable(tf.tidy(() => tf.tensor1d([1], 'int32')), true, name('int'));
    owned.push(i);
    expect(() => new AdamW({ i }, { lr: 0.1 })).toThrow(/dtype int32; only float32/);
  });

  it('save → restore into a fresh optimizer continues exactly like an uninterrupted run', async () => {
    const init = { w: [[0.3, -0.7, 1.1]], b: [0.2] };
    const x = tf.tensor2d([
      [1, 2, 3],
      [-1, 0.5, 2],
    ]);
    const y = tf.tensor1d([1, -1]);
    const makeRun = () => {
      const params = { w: variable(init.w, 'w'), b: variable(init.b, 'b') };
      const opt = new AdamW(params, { lr: (s) => 0.05 / (1 + s), beta2: 0.95, weightDecay: 0.1 });
      const step = () => {
        const { value, grads } = tf.variableGrads(
          () => tf.mean(tf.square(tf.sub(tf.add(tf.sum(tf.mul(x, params.w), 1), params.b), y))) as tf.Scalar,
          [params.w, params.b],
        );
        opt.step(grads);
        tf.dispose([value, grads]);
      };
      return { params, opt, step };
    };
    const straight = makeRun();
    for (let i = 0; i < 6; i++) straight.step();

    const first = makeRun();
    for (let i = 0; i < 3; i++) first.step();
    const dir = await mkdtemp(join(tmpdir(), 'girl-adamw-'));
    try {
      const state = first.opt.getState();
      expect(JSON.parse(JSON.stringify(state.config))).toEqual({ beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1, lr: null });
      await saveSafetensors(join(dir, 'optimizer.safetensors'), state.slots);
      await saveSafetensors(join(dir, 'model.safetensors'), first.params);
      tf.dispose(Object.values(state.slots));
      first.step(); // the saved state must not change when training goes on

      const resumed = makeRun();
      const model = await loadSafetensors(join(dir, 'model.safetensors'));
      resumed.params.w.assign(model.tensors['w']!);
      resumed.params.b.assign(model.tensors['b']!);
      const optim = await loadSafetensors(join(dir, 'optimizer.safetensors'));
      resumed.opt.setState({ step: state.step, slots: optim.tensors });
      tf.dispose([...Object.values(model.tensors), ...Object.values(optim.tensors)]);
      for (let i = 0; i < 3; i++) resumed.step();
      expect(resumed.opt.stepCount).toBe(6);
      expect(Array.from((await resumed.params.w.data()))).toEqual(Array.from((await straight.params.w.data())));
      expect(Array.from((await resumed.params.b.data()))).toEqual(Array.from((await straight.params.b.data())));
      [straight, first, resumed].forEach((r) => r.opt.dispose());
    } finally {
      tf.dispose([x, y]);
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('setState checks names, shapes and pairs before changing anything', async () => {
    const w = variable([[1, 2]], 'w');
    const opt = new AdamW({ w }, { lr: 0.1 });
    const ok = tf.zeros([1, 2]);
    const wrong = tf.zeros([2]);
    expect(() => opt.setState({ step: 1, slots: { 'm/x': ok, 'v/x': ok } })).toThrow(/slot 'm\/x' is for 'x', which is not one/);
    expect(() => opt.setState({ step: 1, slots: { 'm/w': wrong, 'v/w': wrong } })).toThrow(/slot 'm\/w' has shape \[2\]/);
    expect(() => opt.setState({ step: 1, slots: { 'm/w': ok } })).toThrow(/slot 'v\/w' is missing/);
    expect(() => opt.setState({ step: 1, slots: { w: ok } })).toThrow(/not named m\/<param> or v\/<param>/);
    expect(() => opt.setState({ step: -1, slots: {} })).toThrow(/step must be an integer >= 0/);
    expect(opt.stepCount).toBe(0);
    tf.dispose([ok, wrong]);
    opt.dispose();
  });
});
