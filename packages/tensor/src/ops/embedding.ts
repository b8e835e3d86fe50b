import * as tf from '@tensorflow/tfjs-core';
import { customOp } from './custom-op.js';
import { isHostBackend } from './host.js';
import { matmul } from './matmul.js';

/**
 * Embedding lookup `table[ids]` whose gradient works on every backend.
 *
 * tfjs's `gather` gradient needs the `UnsortedSegmentSum` kernel, which the wasm backend lacks. The
 * forward pass here is a plain `gather`. The gradient adds each row of `dy` into its token's row: on host
 * backends (wasm, cpu) as one pass over the data in JavaScript (O(N·D)); on device backends (webgpu,
 * webgl, tfjs-node) with the backend's own `UnsortedSegmentSum` kernel, so no data leaves the device
 * (falling back to one 2-D {@link matmul} with a `[V, N]` one-hot selection matrix where that kernel is missing).
 *
 * @param ids int32 token ids of any shape `[...S]`, each in `[0, V)`.
 * @param table `[V, D]` embedding table.
 * @returns `[...S, D]`
 * @example
 * ```ts
 * const e = embedding(tf.tensor2d([[1, 2]], [1, 2], 'int32'), wte); // [1, 2, D]
 * ```
 */
export function embedding(ids: tf.Tensor, table: tf.Tensor): tf.Tensor {
  if (ids.dtype !== 'int32') throw new Error(`embedding: ids must be int32, got ${ids.dtype}`);
  if (table.rank !== 2) throw new Error(`embedding: table must be [V, D], got [${table.shape}]`);
  const [vocab, dim] = table.shape as [number, number];
  const flat = tf.reshape(ids, [-1]);
  const out = lookup(flat, table, vocab);
  return tf.reshape(out, [...ids.shape, dim]);
}

function lookup(flatIds: tf.Tensor, table: tf.Tensor, vocab: number): tf.Tensor {
  const f = customOp<[tf.Tensor]>((tbl, save) => {
    save([flatIds]);
    return {
      value: tf.gather(tbl, flatIds),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const idx = saved[0] as tf.Tensor1D;
        if (isHostBackend()) return [hostScatterAdd(idx, dy, vocab)];
        if (tf.getKernel('UnsortedSegmentSum', tf.getBackend())) {
          const dim = dy.shape[dy.rank - 1] as number;
          return [tf.unsortedSegmentSum(tf.reshape(dy, [-1, dim]), idx, vocab)]; // [V, D], summed on the device
        }
        // [V, N]: row v has a 1 where idx == v; built directly transposed so no transpose is needed.
        const rows = tf.reshape(tf.range(0, vocab, 1, 'int32'), [vocab, 1]);
        const sel = tf.cast(tf.equal(rows, tf.reshape(idx, [1, -1])), 'float32');
        return [matmul(sel, dy)];
      },
    };
  });
  return f(table);
}

/** `dTable[ids[n]] += dy[n]` for every row n, computed on the host in one pass. */
function hostScatterAdd(ids: tf.Tensor, dy: tf.Tensor, vocab: number): tf.Tensor {
  const idx = ids.dataSync();
  const n = idx.length;
  const dim = dy.size / n;
  const g = dy.dataSync();
  const out = new Float32Array(vocab * dim);
  for (let r = 0; r < n; r++) {
    const dst = (idx[r] as number) * dim;
    const src = r * dim;
    for (let d = 0; d < dim; d++) out[dst + d] = (out[dst + d] as number) + (g[src + d] as number);
  }
  return tf.tensor2d(out, [vocab, dim]);
}
