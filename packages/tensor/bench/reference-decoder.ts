/**
 * The reference decoder stack of the tensor benchmark (issue: vocab 2000, context 128, d_model 128,
 * 4 layers, 4 heads, MLP 4×, batch 8), written twice over the same parameters:
 * - `naive`: plain TensorFlow.js ops as a newcomer would write them (tf.matMul with its own gradient,
 *   one-hot embedding, batched attention matMul with transposeB, moments layer norm, GELU with pow);
 * - `fast`: @girl/tensor's ops (linear/matmul, embedding, sliced attention, layerNorm, gelu, crossEntropy).
 * Pre-LN GPT-2 block. Not a product model: @girl/generator owns that.
 */
import * as tf from '@tensorflow/tfjs-core';
import { cachedAttention, causalSelfAttention, crossEntropy, embedding, gelu, layerNorm, linear, linearSplit, openFusedDecoder } from '@girl/tensor';
import type { DecoderWeights } from '@girl/tensor';

export interface RefConfig {
  vocab: number;
  context: number;
  dModel: number;
  layers: number;
  heads: number;
  batch: number;
}

export const REFERENCE: RefConfig = { vocab: 2000, context: 128, dModel: 128, layers: 4, heads: 4, batch: 8 };

export type Params = Record<string, tf.Variable>;

/** GPT-2-style initialisation from a fixed seed (normal 0.02; residual projections scaled by 1/√(2L)). */
export function initParams(cfg: RefConfig, seed = 1): Params {
  const { vocab: V, context: T, dModel: D, layers: L } = cfg;
  const p: Params = {};
  let s = seed;
  const v = (name: string, t: tf.Tensor) => (p[name] = tf.variable(t, true, name));
  const nrm = (shape: number[], std = 0.02) => tf.randomNormal(shape, 0, std, 'float32', s++);
  v('wte', nrm([V, D]));
  v('wpe', nrm([T, D], 0.01));
  for (let l = 0; l < L; l++) {
    v(`h${l}.ln1.g`, tf.ones([D]));
    v(`h${l}.ln1.b`, tf.zeros([D]));
    v(`h${l}.attn.wqkv`, nrm([D, 3 * D]));
    v(`h${l}.attn.bqkv`, tf.zeros([3 * D]));
    v(`h${l}.attn.wo`, nrm([D, D], 0.02 / Math.sqrt(2 * L)));
    v(`h${l}.attn.bo`, tf.zeros([D]));
    v(`h${l}.ln2.g`, tf.ones([D]));
    v(`h${l}.ln2.b`, tf.zeros([D]));
    v(`h${l}.mlp.w1`, nrm([D, 4 * D]));
    v(`h${l}.mlp.b1`, tf.zeros([4 * D]));
    v(`h${l}.mlp.w2`, nrm([4 * D, D], 0.02 / Math.sqrt(2 * L)));
    v(`h${l}.mlp.b2`, tf.zeros([D]));
  }
  v('lnf.g', tf.ones([D]));
  v('lnf.b', tf.zeros([D]));
  v('head', nrm([D, V]));
  return p;
}

const P = (p: Params, k: string): tf.Variable => {
  const t = p[k];
  if (!t) throw new Error(`missing parameter ${k}`);
  return t;
};

// ---- naive: plain tfjs ----
function naiveLayerNorm(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), g), b);
}
function naiveGelu(x: tf.Tensor): tf.Tensor {
  const inner = tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), Math.sqrt(2 / Math.PI));
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
}
function naiveForward(p: Params, cfg: RefConfig, idx: tf.Tensor2D): tf.Tensor2D {
  const [B, T] = idx.shape;
  const { dModel: D, heads: H, vocab: V } = cfg;
  const hd = D / H;
  const tok = tf.matMul(tf.oneHot(tf.reshape(idx, [-1]), V), P(p, 'wte'));
  let x = tf.add(tf.reshape(tok, [B, T, D]), tf.slice(P(p, 'wpe'), [0, 0], [T, D]));
  x = tf.reshape(x, [B * T, D]);
  const mask = tf.mul(tf.sub(tf.linalg.bandPart(tf.ones([T, T]), -1, 0), 1), 1e9);
  for (let l = 0; l < cfg.layers; l++) {
    const h = naiveLayerNorm(x, P(p, `h${l}.ln1.g`), P(p, `h${l}.ln1.b`));
    const qkv = tf.add(tf.matMul(h, P(p, `h${l}.attn.wqkv`)), P(p, `h${l}.attn.bqkv`));
    const split = (t: tf.Tensor) => tf.reshape(tf.transpose(tf.reshape(t, [B, T, H, hd]), [0, 2, 1, 3]), [B * H, T, hd]);
    const [q, k, v] = tf.split(qkv, 3, 1).map(split) as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
    const att = tf.softmax(tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(hd)), mask));
    const y = tf.reshape(tf.transpose(tf.reshape(tf.matMul(att, v), [B, H, T, hd]), [0, 2, 1, 3]), [B * T, D]);
    x = tf.add(x, tf.add(tf.matMul(y, P(p, `h${l}.attn.wo`)), P(p, `h${l}.attn.bo`)));
    const h2 = naiveLayerNorm(x, P(p, `h${l}.ln2.g`), P(p, `h${l}.ln2.b`));
    const m = tf.add(tf.matMul(naiveGelu(tf.add(tf.matMul(h2, P(p, `h${l}.mlp.w1`)), P(p, `h${l}.mlp.b1`))), P(p, `h${l}.mlp.w2`)), P(p, `h${l}.mlp.b2`));
    x = tf.add(x, m);
  }
  x = naiveLayerNorm(x, P(p, 'lnf.g'), P(p, 'lnf.b'));
  return tf.matMul(x as tf.Tensor2D, P(p, 'head') as tf.Tensor2D);
}

// ---- fast: @girl/tensor ----
/** Logits `[B, T, V]` of the fast implementation. */
export function forwardLogits(p: Params, cfg: RefConfig, idx: tf.Tensor2D): tf.Tensor {
  return fastForward(p, cfg, idx);
}

function fastForward(p: Params, cfg: RefConfig, idx: tf.Tensor2D): tf.Tensor {
  const [, T] = idx.shape;
  const { dModel: D, heads: H } = cfg;
  let x = tf.add(embedding(idx, P(p, 'wte')), tf.slice(P(p, 'wpe'), [0, 0], [T, D])); // [B, T, D]
  for (let l = 0; l < cfg.layers; l++) {
    const h = layerNorm(x, P(p, `h${l}.ln1.g`), P(p, `h${l}.ln1.b`));
    const [q, k, v] = linearSplit(h, P(p, `h${l}.attn.wqkv`), P(p, `h${l}.attn.bqkv`), 3) as [tf.Tensor, tf.Tensor, tf.Tensor];
    x = tf.add(x, linear(causalSelfAttention(q, k, v, H), P(p, `h${l}.attn.wo`), P(p, `h${l}.attn.bo`)));
    const h2 = layerNorm(x, P(p, `h${l}.ln2.g`), P(p, `h${l}.ln2.b`));
    x = tf.add(x, linear(gelu(linear(h2, P(p, `h${l}.mlp.w1`), P(p, `h${l}.mlp.b1`))), P(p, `h${l}.mlp.w2`), P(p, `h${l}.mlp.b2`)));
  }
  return linear(layerNorm(x, P(p, 'lnf.g'), P(p, 'lnf.b')), P(p, 'head')); // [B, T, V]
}

/** Mean next-token loss of a batch under either implementation. */
export function loss(kind: 'naive' | 'fast', p: Params, cfg: RefConfig, x: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar {
  if (kind === 'fast') return crossEntropy(fastForward(p, cfg, x), y);
  const logits = naiveForward(p, cfg, x);
  return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.reshape(y, [-1]), cfg.vocab), logits) as tf.Scalar;
}

/** A batch of random token ids `[B, T]` and next-token targets, from a seeded LCG. */
export function randomBatch(cfg: RefConfig, seed: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const n = cfg.batch * cfg.context;
  const xs = new Int32Array(n);
  const ys = new Int32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    xs[i] = s % cfg.vocab;
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    ys[i] = s % cfg.vocab;
  }
  return { x: tf.tensor2d(xs, [cfg.batch, cfg.context], 'int32'), y: tf.tensor2d(ys, [cfg.batch, cfg.context], 'int32') };
}

/** The reference decoder's parameters as the fused native decoder reads them (untied head `[D, V]`). */
export function decoderWeights(p: Params, cfg: RefConfig): DecoderWeights {
  return {
    tokenEmbedding: P(p, 'wte'),
    positionEmbedding: P(p, 'wpe'),
    blocks: Array.from({ length: cfg.layers }, (_, l) => ({
      ln1Gain: P(p, `h${l}.ln1.g`),
      ln1Bias: P(p, `h${l}.ln1.b`),
      qkvWeight: P(p, `h${l}.attn.wqkv`),
      qkvBias: P(p, `h${l}.attn.bqkv`),
      projWeight: P(p, `h${l}.attn.wo`),
      projBias: P(p, `h${l}.attn.bo`),
      ln2Gain: P(p, `h${l}.ln2.g`),
      ln2Bias: P(p, `h${l}.ln2.b`),
      fcWeight: P(p, `h${l}.mlp.w1`),
      fcBias: P(p, `h${l}.mlp.b1`),
      fcProjWeight: P(p, `h${l}.mlp.w2`),
      fcProjBias: P(p, `h${l}.mlp.b2`),
    })),
    finalGain: P(p, 'lnf.g'),
    finalBias: P(p, 'lnf.b'),
    head: P(p, 'head'),
    headTransposed: false,
    nHead: cfg.heads,
    eps: 1e-5,
  };
}

const argmaxRows = (logits: Float32Array, b: number): number[] => {
  const v = logits.length / b;
  return Array.from({ length: b }, (_, r) => {
    let best = 0;
    for (let j = 1; j < v; j++) if ((logits[r * v + j] as number) > (logits[r * v + best] as number)) best = j;
    return best;
  });
};

/**
 * Greedy decoding with a KV cache: prefill the prompt `[B, P]`, then one token per step. Returns the
 * generated ids per row. On the native backend the whole step is one fused native call
 * ({@link openFusedDecoder}); elsewhere (or with `fused: false`) it runs @girl/tensor's ops. The
 * benchmark's generation figure; `@girl/generator` owns the real one.
 */
export function greedyDecode(p: Params, cfg: RefConfig, prompt: number[][], newTokens: number, options: { fused?: boolean } = {}): number[][] {
  const b = prompt.length;
  const plen = (prompt[0] as number[]).length;
  const fused = options.fused === false ? null : openFusedDecoder(decoderWeights(p, cfg), { batch: b, maxLength: plen + newTokens });
  if (!fused) return greedyDecodeOps(p, cfg, prompt, newTokens);
  const out: number[][] = prompt.map(() => []);
  try {
    // 1. prefill: the whole prompt, positions 0 … P−1
    let ids = Int32Array.from(prompt.flat());
    let pos = Int32Array.from({ length: b * plen }, (_, i) => i % plen);
    let t = plen;
    for (let step = 0; step < newTokens; step++) {
      // 2. one fused forward, then the argmax of each row's logits on the host
      const chosen = argmaxRows(fused.forward(ids, pos, new Float32Array(b * t).fill(1), t), b);
      chosen.forEach((id, i) => (out[i] as number[]).push(id));
      ids = Int32Array.from(chosen);
      pos = new Int32Array(b).fill(plen + step);
      t = 1;
    }
  } finally {
    fused.dispose();
  }
  return out;
}

function greedyDecodeOps(p: Params, cfg: RefConfig, prompt: number[][], newTokens: number): number[][] {
  const b = prompt.length;
  const plen = (prompt[0] as number[]).length;
  const { dModel: D, heads: H } = cfg;
  let cache: { k: tf.Tensor; v: tf.Tensor }[] = [];
  const out: number[][] = prompt.map(() => []);
  let ids = tf.tensor2d(prompt.flat(), [b, plen], 'int32');
  for (let step = 0; step < newTokens; step++) {
    const start = step === 0 ? 0 : plen + step - 1;
    const t = ids.shape[1];
    const next = tf.tidy(() => {
      let x = tf.add(embedding(ids, P(p, 'wte')), tf.slice(P(p, 'wpe'), [start, 0], [t, D]));
      const fresh: { k: tf.Tensor; v: tf.Tensor }[] = [];
      for (let l = 0; l < cfg.layers; l++) {
        const h = layerNorm(x, P(p, `h${l}.ln1.g`), P(p, `h${l}.ln1.b`));
        const [q, k, v] = linearSplit(h, P(p, `h${l}.attn.wqkv`), P(p, `h${l}.attn.bqkv`), 3) as [tf.Tensor, tf.Tensor, tf.Tensor];
        const prev = cache[l];
        const kAll = prev ? tf.concat([prev.k, k], 1) : k;
        const vAll = prev ? tf.concat([prev.v, v], 1) : v;
        fresh.push({ k: tf.keep(kAll), v: tf.keep(vAll) });
        x = tf.add(x, linear(cachedAttention(q, kAll, vAll, H), P(p, `h${l}.attn.wo`), P(p, `h${l}.attn.bo`)));
        const h2 = layerNorm(x, P(p, `h${l}.ln2.g`), P(p, `h${l}.ln2.b`));
        x = tf.add(x, linear(gelu(linear(h2, P(p, `h${l}.mlp.w1`), P(p, `h${l}.mlp.b1`))), P(p, `h${l}.mlp.w2`), P(p, `h${l}.mlp.b2`)));
      }
      tf.dispose(cache.flatMap((c) => [c.k, c.v]));
      cache = fresh;
      const last = tf.slice(x, [0, t - 1, 0], [b, 1, D]);
      const logits = linear(layerNorm(last, P(p, 'lnf.g'), P(p, 'lnf.b')), P(p, 'head')); // [B, 1, V]
      return tf.argMax(tf.reshape(logits, [b, -1]), -1);
    });
    const chosen = Array.from(next.dataSync());
    next.dispose();
    ids.dispose();
    chosen.forEach((id, i) => (out[i] as number[]).push(id));
    ids = tf.tensor2d(chosen, [b, 1], 'int32');
  }
  ids.dispose();
  tf.dispose(cache.flatMap((c) => [c.k, c.v]));
  return out;
}
