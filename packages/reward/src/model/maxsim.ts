/**
 * The reward model's optional late-interaction term (ColBERT's MaxSim with a learned, contextual gate):
 * for each JD token, its best cosine match among the CV tokens, averaged over the JD with weights the
 * transformer gives each JD token. Where each text sits comes from the template (`rmTextSpans`).
 */
import { embedding, linear, matmul, tf } from '@girl/tensor';
import type { Tensor, Variable } from '@girl/tensor';
import { rmTextSpans } from './encode.js';
import type { RmBatch } from './encode.js';

/**
 * `Σ_t g_t · max_s cos(e_t, e_s) / Σ_t g_t` per row `[B]` over JD tokens t and CV tokens s, with e the
 * token embeddings and g_t = σ(h_t · gate) from the final hidden states. 0 for a row with an empty text.
 * Per row with 2-D matmuls over the real spans only (batched 3-D matmuls and their transposed gradients
 * are tfjs-wasm's slow path).
 *
 * @param ids `[B, T]` int32 token ids
 * @param hidden `[B, T, C]` final hidden states
 * @param wte `[V, C]` the backbone's token embeddings
 * @param gate `[C, 1]` the gate's weights
 */
export function maxSimTerm(ids: Tensor, hidden: Tensor, wte: Variable, gate: Variable, batch: RmBatch): Tensor {
  const [B, T] = batch.shape;
  const C = wte.shape[1] as number;
  const e = embedding(ids, wte); // [B, T, C] token embeddings
  const en = tf.div(e, tf.sqrt(tf.add(tf.sum(tf.square(e), -1, true), 1e-6))); // [B, T, C] unit rows
  const g = tf.sigmoid(tf.reshape(linear(hidden, gate), [B, T])); // [B, T], 0.5 at start
  const rows: Tensor[] = [];
  for (let b = 0; b < B; b++) {
    const cvLength = batch.cvLengths[b] as number;
    const jdLength = batch.jdLengths[b] as number;
    if (cvLength === 0 || jdLength === 0) {
      rows.push(tf.zeros([1]));
      continue;
    }
    const { cv, jd } = rmTextSpans(cvLength, jdLength);
    const q = tf.reshape(tf.slice(en, [b, jd[0], 0], [1, jdLength, C]), [jdLength, C]); // [Lj, C] JD tokens
    const k = tf.reshape(tf.slice(en, [b, cv[0], 0], [1, cvLength, C]), [cvLength, C]); // [Lc, C] CV tokens
    const best = tf.max(matmul(q, tf.transpose(k)), 1); // [Lj]
    const gj = tf.reshape(tf.slice(g, [b, jd[0]], [1, jdLength]), [jdLength]); // [Lj]
    rows.push(tf.reshape(tf.div(tf.sum(tf.mul(best, gj)), tf.sum(gj)), [1]));
  }
  return tf.concat(rows, 0); // [B]
}
