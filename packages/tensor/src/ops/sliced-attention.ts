import * as tf from '@tensorflow/tfjs-core';
import { customOp } from './custom-op.js';
import { hostSplit } from './host-split.js';

/**
 * Scaled dot-product attention over `BH` independent (batch, head) slices, as ONE custom op whose
 * forward and backward are plain 2-D matmuls per slice (wasm's XNNPACK fast path) and whose softmax
 * backward is a single batched element-wise step.
 *
 * Forward, per slice i: `S = Q Kᵀ · scale + mask`, `P = softmax(S)`, `O = P V`.
 * Backward: `dV = Pᵀ dO`, `dP = dO Vᵀ`, `dS = P ⊙ (dP − rowsum(dP ⊙ P)) · scale`, `dQ = dS K`, `dK = dSᵀ Q`.
 *
 * @param q `[BH, T, hd]`
 * @param k `[BH, T, hd]`
 * @param v `[BH, T, hd]`
 * @param mask additive mask broadcastable to `[BH, T, T]` (causal, plus key padding), no gradient
 * @param scale usually `1/√hd`
 * @returns `[BH, T, hd]`
 */
export function slicedAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, mask: tf.Tensor, scale: number): tf.Tensor {
  const [bh, t, hd] = q.shape as [number, number, number];
  const t2 = (x: tf.Tensor) => tf.reshape(x, [bh * t, hd]);
  const f = customOp<[tf.Tensor, tf.Tensor, tf.Tensor]>((qi, ki, vi, save) => {
    const qs = hostSplit(t2(qi), bh);
    const ks = hostSplit(t2(ki), bh);
    const scores = tf.concat(qs.map((qq, i) => tf.matMul(qq as tf.Tensor2D, tf.transpose(ks[i] as tf.Tensor2D))), 0); // [BH·T, T]
    const probs = tf.softmax(tf.add(tf.mul(tf.reshape(scores, [bh, t, t]), scale), mask)); // [BH, T, T]
    const ps = hostSplit(tf.reshape(probs, [bh * t, t]), bh);
    const vs = hostSplit(t2(vi), bh);
    const out = tf.reshape(tf.concat(ps.map((p, i) => tf.matMul(p as tf.Tensor2D, vs[i] as tf.Tensor2D)), 0), [bh, t, hd]);
    tf.dispose([...qs, ...ks, ...ps, ...vs, scores]);
    save([qi, ki, vi, probs]);
    return {
      value: out,
      gradFunc: (dy, saved) => {
        const [sq, sk, sv, sp] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
        const dos = hostSplit(t2(dy), bh);
        const vs2 = hostSplit(t2(sv), bh);
        const ps2 = hostSplit(tf.reshape(sp, [bh * t, t]), bh);
        // 1. dV = Pᵀ dO and dP = dO Vᵀ, per slice
        const dv = tf.concat(ps2.map((p, i) => tf.matMul(tf.transpose(p as tf.Tensor2D), dos[i] as tf.Tensor2D)), 0);
        const dp = tf.reshape(tf.concat(dos.map((d, i) => tf.matMul(d as tf.Tensor2D, tf.transpose(vs2[i] as tf.Tensor2D))), 0), [bh, t, t]);
        // 2. softmax backward for all slices at once
        const ds = tf.mul(tf.mul(sp, tf.sub(dp, tf.sum(tf.mul(dp, sp), -1, true))), scale); // [BH, T, T]
        // 3. dQ = dS K and dK = dSᵀ Q, per slice
        const dss = hostSplit(tf.reshape(ds, [bh * t, t]), bh);
        const ks2 = hostSplit(t2(sk), bh);
        const qs2 = hostSplit(t2(sq), bh);
        const dq = tf.concat(dss.map((d, i) => tf.matMul(d as tf.Tensor2D, ks2[i] as tf.Tensor2D)), 0);
        const dk = tf.concat(dss.map((d, i) => tf.matMul(tf.transpose(d as tf.Tensor2D), qs2[i] as tf.Tensor2D)), 0);
        tf.dispose([...dos, ...vs2, ...ps2, ...dss, ...ks2, ...qs2]);
        return [tf.reshape(dq, [bh, t, hd]), tf.reshape(dk, [bh, t, hd]), tf.reshape(dv, [bh, t, hd])];
      },
    };
  });
  return f(q, k, v);
}
