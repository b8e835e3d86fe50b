// The @girl/tensor benchmark: `npm run bench -w @girl/tensor` (builds first). Prints ONE JSON line.
//
// - matmulGflops: tfjs-wasm 2-D matMul at 512², 1024² and [4096×256]·[256×256] (median of 15 runs).
// - naiveTokensPerSecond / fastTokensPerSecond: training tokens/s of the reference decoder stack (vocab
//   2000, context 128, d_model 128, 4 layers, 4 heads, MLP 4×, batch 8, AdamW), written with plain tfjs ops
//   and with @girl/tensor's fast paths (median step over 6 steps after 2 warm-up steps).
// - The same fast figures with the wasm backend on 2 threads, measured in a child process (the thread
//   count is fixed when the wasm module starts).
// Options: --threads N (run one configuration only, used for the child), --steps N.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { AdamW, initBackend, tf } from '@girl/tensor';
import { REFERENCE, initParams, loss, randomBatch } from './reference-decoder.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const threadsArg = opt('threads');
const steps = Number(opt('steps') ?? 6);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function matmulGflops(m: number, k: number, n: number): number {
  const a = tf.randomNormal([m, k]) as tf.Tensor2D;
  const b = tf.randomNormal([k, n]) as tf.Tensor2D;
  tf.matMul(a, b).dispose();
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    const c = tf.matMul(a, b);
    c.dataSync();
    times.push(performance.now() - t0);
    c.dispose();
  }
  tf.dispose([a, b]);
  return round((2 * m * k * n) / (median(times) * 1e6));
}

function trainTokensPerSecond(kind: 'naive' | 'fast'): { tokensPerSecond: number; finalLoss: number } {
  const p = initParams(REFERENCE, 1);
  const optimizer = new AdamW(p, { lr: 3e-4 });
  const vars = Object.values(p);
  const times: number[] = [];
  let last = NaN;
  for (let s = 0; s < steps + 2; s++) {
    const { x, y } = randomBatch(REFERENCE, s);
    const t0 = performance.now();
    const { value, grads } = tf.variableGrads(() => loss(kind, p, REFERENCE, x, y), vars);
    optimizer.step(grads);
    last = value.dataSync()[0] as number;
    const dt = performance.now() - t0;
    tf.dispose([value, x, y, ...Object.values(grads)]);
    if (s >= 2) times.push(dt);
  }
  tf.dispose(vars);
  return { tokensPerSecond: round((REFERENCE.batch * REFERENCE.context) / (median(times) / 1000)), finalLoss: round(last, 4) };
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

async function measure(threads: number, withNaive: boolean) {
  const info = await initBackend('wasm', { threads });
  const matmul = {
    '512x512x512': matmulGflops(512, 512, 512),
    '1024x1024x1024': matmulGflops(1024, 1024, 1024),
    '4096x256x256': matmulGflops(4096, 256, 256),
  };
  const fast = trainTokensPerSecond('fast');
  const naive = withNaive ? trainTokensPerSecond('naive') : undefined;
  return { backend: info.name, threads: info.threads, matmul, fast, naive };
}

if (threadsArg) {
  console.log(JSON.stringify(await measure(Number(threadsArg), false)));
} else {
  const one = await measure(1, true);
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--threads', '2', '--steps', String(steps)], {
    encoding: 'utf8',
  });
  const two = child.status === 0 ? JSON.parse(child.stdout.trim().split('\n').pop() as string) : { error: child.stderr.slice(-500) };
  const naive = one.naive?.tokensPerSecond ?? NaN;
  console.log(
    JSON.stringify({
      bench: '@girl/tensor',
      backend: one.backend,
      threads: one.threads,
      matmulGflops: one.matmul,
      naiveTokensPerSecond: naive,
      fastTokensPerSecond: one.fast.tokensPerSecond,
      fastOverNaive: round(one.fast.tokensPerSecond / naive, 2),
      finalLoss: { naive: one.naive?.finalLoss, fast: one.fast.finalLoss },
      twoThreads: two.error ? two : { matmulGflops: two.matmul, fastTokensPerSecond: two.fast.tokensPerSecond },
      model: { ...REFERENCE, mlp: 4, optimizer: 'AdamW' },
      steps,
      machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, memGiB: round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()}-${os.arch()}` },
      date: new Date().toISOString(),
    }),
  );
}
