// The webgpu configuration of the @girl/tensor benchmark (run by bench.mts as a child; alone:
// `npx tsx bench/webgpu-config.mts [--steps N]`). Prints ONE JSON line, or {"error": ...} where no adapter
// starts. Every read is asynchronous (WebGPU in Node has no synchronous read-back):
// - matmul GFLOP/s at 512², 1024², [4096×256]·[256×256] (each product read back, median of 9);
// - training tokens/s and final loss of the reference decoder with @girl/tensor's fast ops and AdamW,
//   the same steps and batches as the other configurations (so the final losses are comparable);
// Options: --steps N (default 6), --shape reference|base (base = GPT-2 small's shape, for GPU machines).
// - greedy generation tokens/s WITHOUT a KV cache (the whole sequence each step, argmax on the device,
//   only the chosen ids read back): not comparable with the cached figure of the CPU configurations.
import { AdamW, initBackend, releaseWebgpu, tf } from '@girl/tensor';
import { REFERENCE as REFERENCE_SHAPE, forwardLogits, initParams, loss, randomBatch } from './reference-decoder.js';
import type { RefConfig } from './reference-decoder.js';

const args = process.argv.slice(2);
const steps = Number(args[args.indexOf('--steps') + 1] ?? 6) || 6;
// --shape base: GPT-2 small's shape (vocab 50257, context 1024, d 768, 12 layers, 12 heads), for GPU machines
const BASE: RefConfig = { vocab: 50257, context: 1024, dModel: 768, layers: 12, heads: 12, batch: 8 };
const shape = args.includes('--shape') ? args[args.indexOf('--shape') + 1] : 'reference';
const REFERENCE = shape === 'base' ? BASE : REFERENCE_SHAPE;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

async function matmulGflops(m: number, k: number, n: number): Promise<number> {
  const a = tf.randomNormal([m, k]) as tf.Tensor2D;
  const b = tf.randomNormal([k, n]) as tf.Tensor2D;
  const warm = tf.matMul(a, b);
  await warm.data();
  warm.dispose();
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now();
    const c = tf.matMul(a, b);
    await c.data();
    times.push(performance.now() - t0);
    c.dispose();
  }
  tf.dispose([a, b]);
  return round((2 * m * k * n) / (median(times) * 1e6));
}

async function train(): Promise<{ tokensPerSecond: number; finalLoss: number }> {
  const p = initParams(REFERENCE, 1);
  const optimizer = new AdamW(p, { lr: 3e-4 });
  const vars = Object.values(p);
  const times: number[] = [];
  let last = NaN;
  for (let s = 0; s < steps + 2; s++) {
    const { x, y } = randomBatch(REFERENCE, s);
    const t0 = performance.now();
    const { value, grads } = tf.variableGrads(() => loss('fast', p, REFERENCE, x, y), vars);
    optimizer.step(grads);
    last = (await value.data())[0] as number;
    const dt = performance.now() - t0;
    tf.dispose([value, x, y, ...Object.values(grads)]);
    if (s >= 2) times.push(dt);
  }
  optimizer.dispose();
  tf.dispose(vars);
  return { tokensPerSecond: round((REFERENCE.batch * REFERENCE.context) / (median(times) / 1000)), finalLoss: round(last, 4) };
}

async function generateNoCache(newTokens: number): Promise<number> {
  const p = initParams(REFERENCE, 2);
  const ids = Array.from({ length: 32 }, (_, i) => (i * 37) % REFERENCE.vocab);
  const t0 = performance.now();
  for (let s = 0; s < newTokens; s++) {
    const next = tf.tidy(() => {
      const logits = forwardLogits(p, REFERENCE, tf.tensor2d([ids], [1, ids.length], 'int32')); // [1, T, V]
      return tf.argMax(tf.reshape(tf.slice(logits, [0, ids.length - 1, 0], [1, 1, REFERENCE.vocab]), [1, REFERENCE.vocab]), -1); // [1]
    });
    ids.push((await next.data())[0] as number); // the only read-back: the chosen id
    next.dispose();
  }
  const seconds = (performance.now() - t0) / 1000;
  tf.dispose(Object.values(p));
  return round(newTokens / seconds);
}

try {
  const info = await initBackend('webgpu');
  const result = {
    backend: 'webgpu',
    shape,
    adapter: info.adapter,
    matmulGflops: {
      '512x512x512': await matmulGflops(512, 512, 512),
      '1024x1024x1024': await matmulGflops(1024, 1024, 1024),
      '4096x256x256': await matmulGflops(4096, 256, 256),
    },
    fast: await train(),
    genNoCacheTokensPerSecond: await generateNoCache(16),
  };
  releaseWebgpu();
  console.log(JSON.stringify(result));
} catch (e) {
  console.log(JSON.stringify({ error: (e as Error).message.slice(0, 400) }));
}
