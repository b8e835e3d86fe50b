// Runs in its own worker (vitest isolates files), so the threaded wasm module starts fresh here.
import { expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from './index.js';
import { seeded } from '../test-utils/close.js';

it('wasm with 2 threads starts, and its matmul equals the single-threaded cpu result', async () => {
  const info = await initBackend('wasm', { threads: 2 });
  expect(info.name).toBe('wasm');
  expect(info.threads).toBe(2);
  const a = tf.tensor2d(seeded(256 * 192, 1), [256, 192]);
  const b = tf.tensor2d(seeded(192 * 128, 2), [192, 128]);
  const threaded = tf.matMul(a, b).dataSync();
  const aData = a.dataSync();
  const bData = b.dataSync();
  await initBackend('cpu');
  const ref = tf.matMul(tf.tensor2d(aData, [256, 192]), tf.tensor2d(bData, [192, 128])).dataSync();
  let worst = 0;
  for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs((threaded[i] as number) - (ref[i] as number)));
  expect(worst).toBeLessThan(1e-3);
});
