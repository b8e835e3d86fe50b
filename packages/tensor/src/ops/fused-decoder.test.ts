import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend/init-backend.js';
import { NATIVE_AVAILABLE } from '../test-utils/each-backend.js';
import { openFusedDecoder, fusedDecoderAvailable } from './fused-decoder.js';
import type { DecoderWeights } from './fused-decoder.js';

interface Shape {
  V: number;
  T: number;
  C: number;
  F: number;
  L: number;
  H: number;
}

/** Host arrays of a random decoder plus the same weights as tensors. */
function randomDecoder(s: Shape, seed: number, headTransposed: boolean): { w: DecoderWeights; host: Record<string, Float32Array> } {
  let state = seed >>> 0;
  const rnd = (n: number, scale: number, offset = 0): Float32Array =>
    Float32Array.from({ length: n }, () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return offset + scale * (state / 2 ** 32 - 0.5);
    });
  const { V, T, C, F, L } = s;
  const host: Record<string, Float32Array> = { wte: rnd(V * C, 0.8), wpe: rnd(T * C, 0.4), lnfG: rnd(C, 0.4, 1), lnfB: rnd(C, 0.2), head: rnd(V * C, 0.6) };
  for (let l = 0; l < L; l++) {
    Object.assign(host, {
      [`${l}.ln1G`]: rnd(C, 0.4, 1), [`${l}.ln1B`]: rnd(C, 0.2), [`${l}.wqkv`]: rnd(C * 3 * C, 0.5), [`${l}.bqkv`]: rnd(3 * C, 0.2),
      [`${l}.wo`]: rnd(C * C, 0.5), [`${l}.bo`]: rnd(C, 0.2), [`${l}.ln2G`]: rnd(C, 0.4, 1), [`${l}.ln2B`]: rnd(C, 0.2),
      [`${l}.w1`]: rnd(C * F, 0.5), [`${l}.b1`]: rnd(F, 0.2), [`${l}.w2`]: rnd(F * C, 0.3), [`${l}.b2`]: rnd(C, 0.2),
    });
  }
  const t = (k: string, shape: number[]) => tf.tensor(host[k] as Float32Array, shape);
  const w: DecoderWeights = {
    tokenEmbedding: t('wte', [V, C]),
    positionEmbedding: t('wpe', [T, C]),
    blocks: Array.from({ length: L }, (_, l) => ({
      ln1Gain: t(`${l}.ln1G`, [C]), ln1Bias: t(`${l}.ln1B`, [C]), qkvWeight: t(`${l}.wqkv`, [C, 3 * C]), qkvBias: t(`${l}.bqkv`, [3 * C]),
      projWeight: t(`${l}.wo`, [C, C]), projBias: t(`${l}.bo`, [C]), ln2Gain: t(`${l}.ln2G`, [C]), ln2Bias: t(`${l}.ln2B`, [C]),
      fcWeight: t(`${l}.w1`, [C, F]), fcBias: t(`${l}.b1`, [F]), fcProjWeight: t(`${l}.w2`, [F, C]), fcProjBias: t(`${l}.b2`, [C]),
    })),
    finalGain: t('lnfG', [C]),
    finalBias: t('lnfB', [C]),
    head: t('head', headTransposed ? [V, C] : [C, V]),
    headTransposed,
    nHead: s.H,
    eps: 1e-5,
  };
  return { w, host };
}

// ---- a plain-JS reference: the whole sequence every time, float64, one row at a time ----
const layerNormRow = (x: number[], g: Float32Array, b: Float32Array): number[] => {
  const mu = x.reduce((a, v) => a + v, 0) / x.length;
  const varc = x.reduce((a, v) => a + (v - mu) ** 2, 0) / x.length;
  return x.map((v, i) => ((v - mu) / Math.sqrt(varc + 1e-5)) * (g[i] as number) + (b[i] as number));
};
const matVec = (x: number[], w: Float32Array, n: number, bias?: Float32Array): number[] =>
  Array.from({ length: n }, (_, j) => x.reduce((a, v, k) => a + v * (w[k * n + j] as number), bias ? (bias[j] as number) : 0));
const gelu = (x: number): number => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));

/** Last-position logits of one row: ids, positions and a 0/1 mask over the whole sequence so far. */
function referenceLogits(s: Shape, h: Record<string, Float32Array>, headTransposed: boolean, ids: number[], pos: number[], mask: number[]): number[] {
  const { C, F, H, V } = s;
  const hd = C / H;
  let x = ids.map((id, i) => Array.from({ length: C }, (_, c) => (h.wte as Float32Array)[id * C + c]! + (h.wpe as Float32Array)[pos[i]! * C + c]!));
  for (let l = 0; l < s.L; l++) {
    const qkv = x.map((row) => matVec(layerNormRow(row, h[`${l}.ln1G`]!, h[`${l}.ln1B`]!), h[`${l}.wqkv`]!, 3 * C, h[`${l}.bqkv`]));
    const att = qkv.map((qi, i) => {
      const out = new Array<number>(C).fill(0);
      for (let head = 0; head < H; head++) {
        const o = head * hd;
        const keys = qkv.map((_, j) => j).filter((j) => j <= i && mask[j] !== 0);
        if (keys.length === 0) continue;
        const sc = keys.map((j) => { let d = 0; for (let e = 0; e < hd; e++) d += qi[o + e]! * qkv[j]![C + o + e]!; return d / Math.sqrt(hd); });
        const m = Math.max(...sc);
        const p = sc.map((v) => Math.exp(v - m));
        const z = p.reduce((a, v) => a + v, 0);
        keys.forEach((j, n) => { for (let e = 0; e < hd; e++) out[o + e]! += (p[n]! / z) * qkv[j]![2 * C + o + e]!; });
      }
      return out;
    });
    x = x.map((row, i) => { const a = matVec(att[i]!, h[`${l}.wo`]!, C, h[`${l}.bo`]); return row.map((v, c) => v + a[c]!); });
    x = x.map((row) => {
      const f = matVec(layerNormRow(row, h[`${l}.ln2G`]!, h[`${l}.ln2B`]!), h[`${l}.w1`]!, F, h[`${l}.b1`]).map(gelu);
      const y = matVec(f, h[`${l}.w2`]!, C, h[`${l}.b2`]);
      return row.map((v, c) => v + y[c]!);
    });
  }
  const last = layerNormRow(x[x.length - 1]!, h.lnfG!, h.lnfB!);
  const head = h.head as Float32Array;
  return Array.from({ length: V }, (_, v) => last.reduce((a, xv, c) => a + xv * (headTransposed ? head[v * C + c]! : head[c * V + v]!), 0));
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}

describe.skipIf(!NATIVE_AVAILABLE)('fused native decoder', () => {
  beforeAll(async () => {
    await initBackend('native');
  });
  afterAll(async () => {
    await initBackend('wasm');
  });

  // odd sizes reach the kernels' scalar tails; the wide one reaches the vector blocks and the thread split
  // (and, for the long prompt, the attention's thread split)
  const cases: { name: string; s: Shape; transposed: boolean; P: number }[] = [
    { name: 'odd sizes, tied head', s: { V: 37, T: 20, C: 24, F: 40, L: 2, H: 3 }, transposed: true, P: 5 },
    { name: 'wide, untied head', s: { V: 4000, T: 16, C: 64, F: 256, L: 1, H: 2 }, transposed: false, P: 5 },
    { name: 'long prompt', s: { V: 50, T: 70, C: 64, F: 128, L: 1, H: 2 }, transposed: true, P: 60 },
  ];
  for (const { name, s, transposed, P } of cases) {
    it(`matches a plain-JS forward at prefill and every step, with left padding (${name})`, () => {
      const { w, host } = randomDecoder(s, 7, transposed);
      // 3 rows (prefill of 3·P ≥ 15 rows takes the packed GEMM; steps of 3 rows the streaming kernel),
      // row 1 left-padded by two, row 2 by one; a later step feeds row 2 a padding token
      const B = 3;
      const pmask: number[][] = [0, 2, 1].map((pad) => Array.from({ length: P }, (_, i) => (i < pad ? 0 : 1)));
      const seqIds = pmask.map((r, b) => r.map((m, i) => (m ? 7 * i + 3 * b + 1 : 0) % s.V));
      const seqMask = pmask.map((r) => [...r]);
      const seqPos = pmask.map((r) => { let n = 0; return r.map((m) => Math.max(0, m ? n++ : n - 1)); });
      const dec = openFusedDecoder(w, { batch: B, maxLength: P + 4 });
      expect(dec).not.toBeNull();
      let logits = dec!.forward(Int32Array.from(seqIds.flat()), Int32Array.from(seqPos.flat()), Float32Array.from(seqMask.flat()), P);
      for (let step = 0; ; step++) {
        for (let b = 0; b < B; b++) {
          const ref = referenceLogits(s, host, transposed, seqIds[b]!, seqPos[b]!, seqMask[b]!);
          const got = logits.subarray(b * s.V, (b + 1) * s.V);
          const scale = Math.max(...ref.map(Math.abs));
          expect(maxDiff(got, ref) / scale, `step ${step} row ${b}`).toBeLessThan(2e-5);
        }
        if (step === 4) break;
        const next = [0, 1, 2].map((b) => (17 * step + 5 * b + 3) % s.V);
        const m = [1, 1, step === 2 ? 0 : 1];
        for (let b = 0; b < B; b++) {
          const lastPos = seqPos[b]![seqPos[b]!.length - 1]!;
          const lastReal = seqMask[b]![seqMask[b]!.length - 1]!;
          seqPos[b]!.push(lastReal ? lastPos + 1 : lastPos);
          seqIds[b]!.push(next[b]!);
          seqMask[b]!.push(m[b]!);
        }
        logits = dec!.forward(Int32Array.from(next), Int32Array.from(seqPos.map((r) => r[r.length - 1]!)), Float32Array.from(m), 1);
      }
      expect(dec!.length).toBe(P + 4);
      dec!.dispose();
      tf.dispose([...Object.values(w).filter((v): v is tf.Tensor => v instanceof tf.Tensor), ...w.blocks.flatMap((b) => Object.values(b))]);
    });
  }

  it('copies the weights afresh after a variable is assigned, and rejects bad input with clear errors', () => {
    const s: Shape = { V: 11, T: 8, C: 8, F: 16, L: 1, H: 2 };
    const { w, host } = randomDecoder(s, 3, true);
    const head = tf.variable(w.head);
    const ww = { ...w, head };
    const run = () => openFusedDecoder(ww, { batch: 1, maxLength: 3 })!.forward(Int32Array.of(1, 2), Int32Array.of(0, 1), Float32Array.of(1, 1), 2);
    const before = run();
    head.assign(tf.mul(head, 2));
    const after = run();
    const doubled = Float32Array.from(host.head!, (v) => 2 * v);
    const ref = referenceLogits(s, { ...host, head: doubled }, true, [1, 2], [0, 1], [1, 1]);
    expect(maxDiff(after, ref)).toBeLessThan(1e-4);
    expect(maxDiff(after, Float32Array.from(before, (v) => 2 * v))).toBeLessThan(1e-4);

    const dec = openFusedDecoder(ww, { batch: 1, maxLength: 2 })!;
    expect(() => dec.forward(Int32Array.of(1), Int32Array.of(0), Float32Array.of(1, 1), 1)).toThrow(/batch·t = 1/);
    expect(() => dec.forward(Int32Array.of(11), Int32Array.of(0), Float32Array.of(1), 1)).toThrow(/token id 11/);
    expect(() => dec.forward(Int32Array.of(1), Int32Array.of(8), Float32Array.of(1), 1)).toThrow(/position 8/);
    expect(() => dec.forward(Int32Array.of(1, 2, 3), Int32Array.of(0, 1, 2), Float32Array.of(1, 1, 1), 3)).toThrow(/maxLength 2/);
    dec.dispose();
    expect(() => dec.forward(Int32Array.of(1), Int32Array.of(0), Float32Array.of(1), 1)).toThrow(/disposed/);
    expect(() => openFusedDecoder(ww, { batch: 1, maxLength: 9 })).toThrow(/maxLength must be an integer in \[1, 8\]/);
    tf.dispose([head, w.head, w.tokenEmbedding, w.positionEmbedding, w.finalGain, w.finalBias, ...w.blocks.flatMap((b) => Object.values(b))]);
  });
});

describe('fused native decoder elsewhere', () => {
  it('is unavailable on the wasm backend (callers run their tfjs forward)', async () => {
    await initBackend('wasm');
    const { w } = randomDecoder({ V: 5, T: 4, C: 4, F: 8, L: 1, H: 1 }, 1, true);
    expect(fusedDecoderAvailable()).toBe(false);
    expect(openFusedDecoder(w, { batch: 1, maxLength: 2 })).toBeNull();
    tf.dispose([w.head, w.tokenEmbedding, w.positionEmbedding, w.finalGain, w.finalBias, ...w.blocks.flatMap((b) => Object.values(b))]);
  });
});
