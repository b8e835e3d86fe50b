import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { describeEachBackendAndGpu } from '../test-utils/each-backend.js';
import { expectCloseAsync, randn } from '../test-utils/close.js';
import { cachedAttention, causalSelfAttention } from './attention.js';

/** Plain-JS causal attention for one batch row: q, k, v as [T][C] arrays. */
function jsAttention(q: number[][], k: number[][], v: number[][], nHead: number, keyMask?: number[]): number[][] {
  const t = q.length;
  const c = q[0]!.length;
  const hd = c / nHead;
  const out = Array.from({ length: t }, () => new Array(c).fill(0) as number[]);
  for (let h = 0; h < nHead; h++) {
    for (let i = 0; i < t; i++) {
      const scores: number[] = [];
      for (let j = 0; j <= i; j++) {
        if (keyMask && keyMask[j] === 0) continue;
        let s = 0;
        for (let d = 0; d < hd; d++) s += q[i]![h * hd + d]! * k[j]![h * hd + d]!;
        scores.push(s / Math.sqrt(hd));
      }
      const keys = [...Array(i + 1).keys()].filter((j) => !keyMask || keyMask[j] !== 0);
      if (keys.length === 0) continue;
      const mx = Math.max(...scores);
      const ex = scores.map((s) => Math.exp(s - mx));
      const z = ex.reduce((a, b) => a + b, 0);
      keys.forEach((j, n) => {
        for (let d = 0; d < hd; d++) out[i]![h * hd + d]! += (ex[n]! / z) * v[j]![h * hd + d]!;
      });
    }
  }
  return out;
}

describeEachBackendAndGpu('causalSelfAttention', () => {
  const B = 2, T = 5, C = 8, H = 2;
  const q = () => randn([B, T, C], 51);
  const k = () => randn([B, T, C], 52);
  const v = () => randn([B, T, C], 53);

  it('sliced and batched implementations both equal a plain-JS reference', async () => {
    const qa = (await q().array()) as number[][][];
    const ka = (await k().array()) as number[][][];
    const va = (await v().array()) as number[][][];
    const want = qa.flatMap((_, b) => jsAttention(qa[b]!, ka[b]!, va[b]!, H).flat());
    await expectCloseAsync(causalSelfAttention(q(), k(), v(), H, { impl: 'sliced' }), want);
    await expectCloseAsync(causalSelfAttention(q(), k(), v(), H, { impl: 'batched' }), want);
  });

  it('honours a key padding mask (left padding)', async () => {
    const mask = [[0, 0, 1, 1, 1], [1, 1, 1, 1, 1]];
    const km = tf.tensor2d(mask);
    const qa = (await q().array()) as number[][][];
    const ka = (await k().array()) as number[][][];
    const va = (await v().array()) as number[][][];
    const got = (await causalSelfAttention(q(), k(), v(), H, { keyMask: km }).array()) as number[][][];
    const gotBatched = causalSelfAttention(q(), k(), v(), H, { keyMask: km, impl: 'batched' });
    for (let b = 0; b < B; b++) {
      const want = jsAttention(qa[b]!, ka[b]!, va[b]!, H, mask[b]);
      // rows whose every key is padding have no meaning; compare the real rows only
      const rows = [...Array(T).keys()].filter((i) => mask[b]![i] === 1);
      await expectCloseAsync(rows.flatMap((i) => got[b]![i]!), rows.flatMap((i) => want[i]!));
    }
    await expectCloseAsync(tf.slice(gotBatched, [0, 2, 0], [1, 3, C]), tf.slice(tf.tensor(got), [0, 2, 0], [1, 3, C]));
  });

  it('sliced gradients equal autodiff of the batched formulation', async () => {
    const r = randn([B, T, C], 54);
    const f = (impl: 'sliced' | 'batched') => (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
      tf.sum(tf.mul(causalSelfAttention(a, b, c, H, { impl }), r));
    const ours = tf.grads(f('sliced'))([q(), k(), v()]);
    const ref = tf.grads(f('batched'))([q(), k(), v()]);
    for (let i = 0; i < 3; i++) await expectCloseAsync(ours[i]!, ref[i]!, 1e-5, 1e-4);
  });

  it('cachedAttention over a cache equals the full causal pass for the newest positions', async () => {
    const full = causalSelfAttention(q(), k(), v(), H);
    const last1 = cachedAttention(tf.slice(q(), [0, T - 1, 0], [B, 1, C]), k(), v(), H);
    await expectCloseAsync(last1, tf.slice(full, [0, T - 1, 0], [B, 1, C]));
    const last3 = cachedAttention(tf.slice(q(), [0, T - 3, 0], [B, 3, C]), k(), v(), H);
    await expectCloseAsync(last3, tf.slice(full, [0, T - 3, 0], [B, 3, C]));
    const km = tf.tensor2d([[0, 1, 1, 1, 1], [1, 1, 1, 1, 1]]);
    const fullMasked = causalSelfAttention(q(), k(), v(), H, { keyMask: km });
    await expectCloseAsync(cachedAttention(tf.slice(q(), [0, T - 1, 0], [B, 1, C]), k(), v(), H, km), tf.slice(fullMasked, [0, T - 1, 0], [B, 1, C]));
  });

  it('rejects mismatched shapes and a head count that does not divide C', async () => {
    expect(() => causalSelfAttention(q(), k(), v(), 3)).toThrow(/not divisible/);
    expect(() => causalSelfAttention(q(), tf.ones([B, T + 1, C]), v(), H)).toThrow(/share a shape/);
  });
});
