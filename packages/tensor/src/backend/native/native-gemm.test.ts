import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../init-backend.js';
import { NATIVE_AVAILABLE } from '../../test-utils/each-backend.js';
import { seeded } from '../../test-utils/close.js';

/** Plain-JS op(A)·op(B) for one batch item. */
function reference(a: Float32Array, b: Float32Array, m: number, n: number, k: number, ta: boolean, tb: boolean): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (ta ? a[p * m + i]! : a[i * k + p]!) * (tb ? b[j * k + p]! : b[p * n + j]!);
      out[i * n + j] = s;
    }
  return out;
}

it.skipIf(!NATIVE_AVAILABLE)('native BatchMatMul equals a plain-JS product in every transpose variant, batched and broadcast, on 1 and 2 threads', async () => {
  for (const threads of [1, 2]) {
    await initBackend('native', { threads });
    // sizes straddle the kernel's tile edges (6 × 32) and blocking (96 × 256 × 1024)
    for (const [m, n, k, batch] of [[1, 1, 1, 1], [3, 200, 300, 1], [2, 700, 150, 1], [4, 33, 17, 3], [7, 33, 5, 3], [13, 70, 300, 1], [100, 65, 257, 2], [200, 1100, 40, 1]] as const) {
      for (const ta of [false, true])
        for (const tb of [false, true])
          for (const bcast of ['none', 'a', 'b'] as const) {
            const ba = bcast === 'a' ? 1 : batch;
            const bb = bcast === 'b' ? 1 : batch;
            const A = seeded(ba * m * k, m + n, 1);
            const B = seeded(bb * k * n, k + 7, 1);
            const at = tf.tensor3d(A, ta ? [ba, k, m] : [ba, m, k]);
            const bt = tf.tensor3d(B, tb ? [bb, n, k] : [bb, k, n]);
            const got = tf.matMul(at, bt, ta, tb);
            expect(got.shape).toEqual([batch, m, n]);
            const data = got.dataSync();
            for (let i = 0; i < batch; i++) {
              const want = reference(A.subarray((ba === 1 ? 0 : i) * m * k), B.subarray((bb === 1 ? 0 : i) * k * n), m, n, k, ta, tb);
              for (let j = 0; j < m * n; j++) {
                const err = Math.abs(data[i * m * n + j]! - want[j]!);
                if (err > 1e-3 * (1 + Math.abs(want[j]!))) {
                  expect.fail(`threads ${threads} [${m},${n},${k}] batch ${batch} bcast ${bcast} ta ${ta} tb ${tb}: element ${j} of item ${i}: ${data[i * m * n + j]} vs ${want[j]}`);
                }
              }
            }
            tf.dispose([at, bt, got]);
          }
    }
  }
});
