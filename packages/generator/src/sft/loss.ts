/** The SFT loss: cross-entropy on the JD tokens of a batch, and its token-weighted mean over many batches. */
import type { Rng } from '@girl/core';
import { crossEntropy, tf } from '@girl/tensor';
import type { Tensor } from '@girl/tensor';
import type { CausalLM } from '../model/causal-lm.js';
import type { SftBatch } from './batching.js';

/** Mean loss over `batches`, weighted by target tokens; one scalar read per batch. */
export function evaluateLoss(model: CausalLM, batches: readonly SftBatch[]): number {
  let sum = 0;
  let n = 0;
  for (const b of batches) {
    if (b.targetTokens === 0) continue;
    const l = tf.tidy(() => lossOf(model, b, false));
    sum += (l.dataSync()[0] as number) * b.targetTokens;
    n += b.targetTokens;
    l.dispose();
  }
  return n > 0 ? sum / n : NaN;
}

/** {@link evaluateLoss} with asynchronous reads (works on `webgpu`, which cannot read synchronously in Node). */
export async function evaluateLossAsync(model: CausalLM, batches: readonly SftBatch[]): Promise<number> {
  let sum = 0;
  let n = 0;
  for (const b of batches) {
    if (b.targetTokens === 0) continue;
    const l = tf.tidy(() => lossOf(model, b, false));
    sum += ((await l.data())[0] as number) * b.targetTokens;
    n += b.targetTokens;
    l.dispose();
  }
  return n > 0 ? sum / n : NaN;
}

/** Mean cross-entropy of `b`'s JD tokens under `model` (training mode with `rng`: dropout). */
export function lossOf(model: CausalLM, b: SftBatch, training: boolean, rng?: Rng): Tensor {
  const [B, T] = b.shape;
  const logits = model.forward(tf.tensor2d(b.inputs, [B, T], 'int32'), training && rng ? { training, rng } : {}); // [B, T, V]
  return crossEntropy(logits, tf.tensor2d(b.targets, [B, T], 'int32'), tf.tensor2d(b.lossMask, [B, T]));
}

