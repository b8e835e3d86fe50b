/** AdamW's config and resumable state, and the small checks the optimizer uses on them. */
import type * as tf from '@tensorflow/tfjs-core';
import type { LrSchedule } from './schedule.js';

/** Config for {@link AdamW}. Only `lr` is required. */
export interface AdamWConfig {
  /**
   * Learning rate: a number, or a schedule called with the 0-based index of the step about to be taken
   * (e.g. {@link warmupCosine}). Required: there is no learning rate that suits every model.
   */
  lr: number | LrSchedule;
  /** Decay rate of the first moment (the gradient's running mean). Default `0.9`, the Adam paper's value. */
  beta1?: number;
  /**
   * Decay rate of the second moment (the squared gradient's running mean). Default `0.999`, the Adam
   * paper's value, which averages over ~1000 steps: smooth, and right for fine-tuning and small models.
   * GPT pre-training (GPT-3, nanoGPT, LLaMA) uses `0.95`: the shorter memory reacts faster when gradient
   * scales change and avoids the loss spikes of large models; use it for training from scratch.
   */
  beta2?: number;
  /**
   * Added to the denominator for numerical safety. Default `1e-8` (Adam paper, PyTorch). It is far below
   * float32 gradient magnitudes of trained models yet keeps the division finite when `v` is 0.
   */
  eps?: number;
  /**
   * Decoupled weight decay coefficient (`p -= lr * weightDecay * p`). Default `0.01`, PyTorch's AdamW
   * default: mild regularisation. GPT recipes use `0.1`.
   */
  weightDecay?: number;
  /**
   * Which parameters get weight decay. Default: tensors of rank ≥ 2 (matmul weights and embeddings) only.
   * Biases and LayerNorm gains/shifts are rank 1: decaying them pulls gains toward 0 and biases toward 0
   * for no regularisation benefit, which GPT-2/3, BERT and nanoGPT all avoid.
   */
  decayFilter?: (name: string, variable: tf.Variable) => boolean;
}

/** The JSON-able part of an {@link AdamW} config, as stored in {@link AdamWState}. */
export interface AdamWStateConfig {
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** The constant learning rate, or `null` when a schedule function was used (functions are not JSON). */
  lr: number | null;
}

/**
 * An {@link AdamW}'s resumable state. `step` and `config` are JSON; `slots` are tensors named
 * `m/<param>` and `v/<param>` (first and second moments), ready for {@link saveSafetensors}.
 */
export interface AdamWState {
  /** Updates taken so far. */
  step: number;
  /** The hyperparameters the optimizer ran with (for the record; restoring does not change them). */
  config: AdamWStateConfig;
  /** Moment tensors, `m/<param>` and `v/<param>`; only for parameters that have received a gradient. */
  slots: Record<string, tf.Tensor>;
}

/** Throws a RangeError naming the AdamW setting unless `ok`. */
export function checkRange(name: string, value: number, ok: boolean, what: string): void {
  if (!ok) throw new RangeError(`AdamW: ${name} must be ${what}, got ${value}.`);
}

/** True when two shapes are equal. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}


/**
 * Checks a saved state's slots against the optimizer's parameters and pairs them: `m/<param>` with
 * `v/<param>`, each of the parameter's shape, float32. Throws naming the slot that is wrong.
 *
 * @example
 * ```ts
 * pairSlots({ 'm/w': m, 'v/w': v }, { w }); // Map { 'w' => { m, v } }
 * ```
 */
export function pairSlots(slots: Record<string, tf.Tensor>, params: Record<string, tf.Variable>): Map<string, { m: tf.Tensor; v: tf.Tensor }> {
  const pairs = new Map<string, { m?: tf.Tensor; v?: tf.Tensor }>();
  for (const [name, tensor] of Object.entries(slots)) {
    const match = /^(m|v)\/(.+)$/s.exec(name);
    if (!match) throw new Error(`AdamW.setState: slot '${name}' is not named m/<param> or v/<param>.`);
    const kind = match[1] as 'm' | 'v';
    const key = match[2]!;
    const param = params[key];
    if (!Object.prototype.hasOwnProperty.call(params, key) || param === undefined) {
      throw new Error(`AdamW.setState: slot '${name}' is for '${key}', which is not one of this optimizer's parameters.`);
    }
    if (!sameShape(tensor.shape, param.shape)) {
      throw new Error(`AdamW.setState: slot '${name}' has shape [${tensor.shape.join(', ')}] but parameter '${key}' has shape [${param.shape.join(', ')}].`);
    }
    if (tensor.dtype !== 'float32') throw new Error(`AdamW.setState: slot '${name}' has dtype ${tensor.dtype}, expected float32.`);
    const pair = pairs.get(key) ?? {};
    pair[kind] = tensor;
    pairs.set(key, pair);
  }
  const out = new Map<string, { m: tf.Tensor; v: tf.Tensor }>();
  for (const [key, pair] of pairs) {
    if (!pair.m || !pair.v) throw new Error(`AdamW.setState: slot '${pair.m ? 'v' : 'm'}/${key}' is missing (m and v come in pairs).`);
    out.set(key, { m: pair.m, v: pair.v });
  }
  return out;
}
