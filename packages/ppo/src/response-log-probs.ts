/**
 * The one forward pass every PPO log-prob comes from (rollout "old" log-probs, the reference's, the
 * policy's during updates, and held-out KL measurements), so that they are computed identically.
 */
import { entropyFromLogits, logProbOfLabels, tf } from '@girl/tensor';
import type { Tensor } from '@girl/tensor';
import type { CausalLM } from '@girl/generator';
import type { PaddedBatch } from './sequences.js';
import type { ValueHead } from './value-head.js';

/** Rows of a {@link PaddedBatch} as tensors. */
export interface RowTensors {
  /** `[n, P + R]` int32 */
  ids: Tensor;
  /** `[n, P + R]` */
  mask: Tensor;
  /** `[n, R]` int32 */
  responses: Tensor;
  /** `[n, R]` */
  responseMask: Tensor;
}

/** Uploads rows `rows` of a padded batch. */
export function rowTensors(batch: PaddedBatch, rows: readonly number[]): RowTensors {
  const { P, R } = batch;
  const W = P + R;
  const n = rows.length;
  const ids = new Int32Array(n * W);
  const am = new Float32Array(n * W);
  const resp = new Int32Array(n * R);
  const rm = new Float32Array(n * R);
  rows.forEach((r, j) => {
    ids.set(batch.ids.subarray(r * W, (r + 1) * W), j * W);
    am.set(batch.attentionMask.subarray(r * W, (r + 1) * W), j * W);
    resp.set(batch.responses.subarray(r * R, (r + 1) * R), j * R);
    rm.set(batch.responseMask.subarray(r * R, (r + 1) * R), j * R);
  });
  return {
    ids: tf.tensor2d(ids, [n, W], 'int32'),
    mask: tf.tensor2d(am, [n, W]),
    responses: tf.tensor2d(resp, [n, R], 'int32'),
    responseMask: tf.tensor2d(rm, [n, R]),
  };
}

/**
 * Hidden states of the positions that predict the response (`P−1 … P+R−2`), logits divided by
 * `temperature`, the response tokens' log-probs, per-token entropy and (with a head) values.
 */
export function forwardResponse(
  model: CausalLM,
  head: ValueHead | null,
  t: RowTensors,
  P: number,
  R: number,
  temperature: number,
): { logprobs: Tensor; values: Tensor | null; entropy: Tensor } {
  const n = t.ids.shape[0] as number;
  const C = model.config.dModel;
  const hidden = model.forwardHidden(t.ids, { attentionMask: t.mask }); // [n, P+R, C]
  const h = tf.slice(hidden, [0, P - 1, 0], [n, R, C]); // [n, R, C]
  const logits = tf.div(model.lmHead(h), temperature); // [n, R, V]
  return {
    logprobs: logProbOfLabels(logits, t.responses), // [n, R]
    values: head ? head.apply(h) : null, // [n, R]
    entropy: entropyFromLogits(logits), // [n, R]
  };
}

/**
 * Per-token log-probs `[B, R]` of a batch's responses under `model` at `temperature` (0 on padding), and
 * values when a head is given; no gradients, `chunkSize` rows per forward pass.
 *
 * @example
 * ```ts
 * const batch = buildSequences(promptIds, out.tokens, tok.padId!);
 * const lp = responseLogprobs(policy, batch, { temperature: 0.7 }).logprobs;
 * const ref = responseLogprobs(reference, batch, { temperature: 0.7 }).logprobs;
 * // Σ (lp − ref) over real tokens, per row: a k1 estimate of KL(policy ‖ reference)
 * ```
 */
export function responseLogprobs(
  model: CausalLM,
  batch: PaddedBatch,
  options: { temperature?: number; chunkSize?: number; valueHead?: ValueHead | null } = {},
): { logprobs: Float32Array; values: Float32Array } {
  const out = { logprobs: new Float32Array(batch.B * batch.R), values: new Float32Array(batch.B * batch.R) };
  for (const rows of rowChunks(batch.B, options.chunkSize ?? 8)) {
    const [lp, v] = chunkLogprobs(model, batch, rows, options);
    out.logprobs.set(lp.dataSync() as Float32Array, (rows[0] as number) * batch.R);
    out.values.set(v.dataSync() as Float32Array, (rows[0] as number) * batch.R);
    tf.dispose([lp, v]);
  }
  return out;
}

/** {@link responseLogprobs} with asynchronous reads (works on `webgpu`, which cannot read synchronously in Node). */
export async function responseLogprobsAsync(
  model: CausalLM,
  batch: PaddedBatch,
  options: { temperature?: number; chunkSize?: number; valueHead?: ValueHead | null } = {},
): Promise<{ logprobs: Float32Array; values: Float32Array }> {
  const out = { logprobs: new Float32Array(batch.B * batch.R), values: new Float32Array(batch.B * batch.R) };
  for (const rows of rowChunks(batch.B, options.chunkSize ?? 8)) {
    const [lp, v] = chunkLogprobs(model, batch, rows, options);
    out.logprobs.set((await lp.data()) as Float32Array, (rows[0] as number) * batch.R);
    out.values.set((await v.data()) as Float32Array, (rows[0] as number) * batch.R);
    tf.dispose([lp, v]);
  }
  return out;
}

/** Consecutive row indices `[0 … B)` in chunks of `size`. */
function rowChunks(B: number, size: number): number[][] {
  const out: number[][] = [];
  for (let start = 0; start < B; start += size) out.push([...Array(Math.min(size, B - start)).keys()].map((i) => start + i));
  return out;
}

/** One chunk's masked log-probs `[n, R]` and values `[n, R]` (zeros without a head); the caller reads and frees them. */
function chunkLogprobs(
  model: CausalLM,
  batch: PaddedBatch,
  rows: readonly number[],
  options: { temperature?: number; valueHead?: ValueHead | null },
): [Tensor, Tensor] {
  const head = options.valueHead ?? null;
  return tf.tidy(() => {
    const t = rowTensors(batch, rows);
    const out = forwardResponse(model, head, t, batch.P, batch.R, options.temperature ?? 1);
    return [tf.mul(out.logprobs, t.responseMask), out.values ? tf.mul(out.values, t.responseMask) : tf.zeros([rows.length, batch.R])];
  }) as [Tensor, Tensor];
}
