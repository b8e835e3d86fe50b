/**
 * Rotary position embeddings (RoPE) as Hugging Face's Llama computes them: inverse frequencies
 * `θ^(−2i/d)` (optionally scaled), angle tables `pos · inv_freq` duplicated over both halves of a head,
 * and `x · cos + rotate_half(x) · sin`. Arithmetic mirrors PyTorch's float32 so logits match to ~1e-6.
 */
import { tf } from '@girl/tensor';
import type { Tensor } from '@girl/tensor';

/** HF `rope_scaling`, in GIRL's names. `null` (or HF's `'default'`) means no scaling. */
export type RopeScaling =
  | { type: 'linear'; factor: number }
  | { type: 'llama3'; factor: number; lowFreqFactor: number; highFreqFactor: number; originalMaxPositionEmbeddings: number };

/** The scaling types {@link ropeInverseFrequencies} knows; anything else is refused by name. */
export const ROPE_SCALING_TYPES = ['linear', 'llama3'] as const;

const f32 = Math.fround;

/**
 * The `headDim / 2` inverse frequencies, with the config's scaling applied.
 *
 * @example
 * ```ts
 * ropeInverseFrequencies(4, 10000, null); // Float32Array [1, 0.01]
 * ```
 */
export function ropeInverseFrequencies(headDim: number, theta: number, scaling: RopeScaling | null): Float32Array {
  const half = headDim / 2;
  const inv = new Float32Array(half);
  // 1. θ^(−2i/d), with the exponent rounded to float32 as torch's `arange(0, d, 2).float() / d`
  for (let i = 0; i < half; i++) inv[i] = f32(1 / f32(Math.pow(theta, f32((2 * i) / headDim))));
  if (!scaling) return inv;
  const type = (scaling as { type: string }).type;
  // 2. linear: positions divided by `factor` (the same as dividing the frequencies)
  if (type === 'linear') return inv.map((v) => f32(v / scaling.factor));
  // 3. llama3: long wavelengths slowed by `factor`, short kept, a smooth blend between
  if (type === 'llama3') {
    const s = scaling as Extract<RopeScaling, { type: 'llama3' }>;
    const lowWavelen = s.originalMaxPositionEmbeddings / s.lowFreqFactor;
    const highWavelen = s.originalMaxPositionEmbeddings / s.highFreqFactor;
    return inv.map((v) => {
      const wavelen = (2 * Math.PI) / v;
      if (wavelen < highWavelen) return v;
      if (wavelen > lowWavelen) return f32(v / s.factor);
      const smooth = (s.originalMaxPositionEmbeddings / wavelen - s.lowFreqFactor) / (s.highFreqFactor - s.lowFreqFactor);
      return f32(((1 - smooth) * v) / s.factor + smooth * v);
    });
  }
  throw new Error(`RoPE: rope_scaling type '${type}' is not supported; supported: none, ${ROPE_SCALING_TYPES.join(', ')}.`);
}

/**
 * `cos` and `sin` tables `[length, headDim]` (each half repeated, as HF's `cat(freqs, freqs)`).
 *
 * @example
 * ```ts
 * ropeTables(ropeInverseFrequencies(4, 10000, null), 2).cos; // row 0 all 1
 * ```
 */
export function ropeTables(invFreq: Float32Array, length: number): { cos: Float32Array; sin: Float32Array } {
  const half = invFreq.length;
  const d = 2 * half;
  const cos = new Float32Array(length * d);
  const sin = new Float32Array(length * d);
  for (let p = 0; p < length; p++) {
    for (let i = 0; i < half; i++) {
      const angle = f32(p * (invFreq[i] as number));
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      cos[p * d + i] = c;
      cos[p * d + half + i] = c;
      sin[p * d + i] = s;
      sin[p * d + half + i] = s;
    }
  }
  return { cos, sin };
}

/**
 * Rotates heads by their positions: `x · cos + rotate_half(x) · sin`, `rotate_half([a, b]) = [−b, a]`.
 *
 * @param x `[B, T, H, D]` queries or keys
 * @param cos `[B, T, 1, D]` gathered at each token's position
 * @param sin `[B, T, 1, D]`
 * @returns `[B, T, H, D]`
 */
export function applyRope(x: Tensor, cos: Tensor, sin: Tensor): Tensor {
  const [a, b] = tf.split(x, 2, -1) as [Tensor, Tensor]; // each [B, T, H, D/2]
  const rotated = tf.concat([tf.neg(b), a], -1); // [B, T, H, D]
  return tf.add(tf.mul(x, cos), tf.mul(rotated, sin));
}
