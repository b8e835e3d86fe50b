// The @girl/tensor benchmark: `npm run bench -w @girl/tensor` (builds first). Prints ONE JSON line.
//
// Each configuration runs in its own process (a wasm module's thread count and the native kernels are
// fixed at start-up), one after another, on the same machine in the same run:
// - wasm, 1 thread: matmul GFLOP/s at 512², 1024², [4096×256]·[256×256]; training tokens/s of the reference
//   decoder stack (vocab 2000, context 128, d_model 128, 4 layers, 4 heads, MLP 4×, batch 8, AdamW) written
//   with plain tfjs ops (naive) and with @girl/tensor's fast paths (fast); greedy generation tokens/s with a
//   KV cache (batch 1, 32-token prompt, 64 new tokens);
// - wasm, 2 threads: the same fast figures;
// - native (the C++ addon, where it was built): the same fast figures;
// - PyTorch on this CPU (bench/peer-pytorch.py, where python3 can import torch): the same model.
// Options: --only wasm1|wasm2|native (run one configuration; used for the children), --steps N.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AdamW, activeBackend, initBackend, tf } from '@girl/tensor';
import { REFERENCE, greedyDecode, initParams, loss, randomBatch } from './reference-decoder.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = opt('only');
const steps = Number(opt('steps') ?? 6);
const here = dirname(fileURLToPath(import.meta.url));

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

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
  optimizer.dispose();
  tf.dispose(vars);
  return { tokensPerSecond: round((REFERENCE.batch * REFERENCE.context) / (median(times) / 1000)), finalLoss: round(last, 4) };
}

function generationTokensPerSecond(): number {
  const p = initParams(REFERENCE, 2);
  const prompt = [Array.from({ length: 32 }, (_, i) => (i * 37) % REFERENCE.vocab)];
  greedyDecode(p, REFERENCE, prompt, 4); // warm-up
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    greedyDecode(p, REFERENCE, prompt, 64);
    times.push(performance.now() - t0);
  }
  tf.dispose(Object.values(p));
  return round(64 / (median(times) / 1000));
}

async function measure(config: string) {
  const info =
    config === 'native' ? await initBackend('native') : await initBackend('wasm', { threads: config === 'wasm2' ? 2 : 1 });
  return {
    backend: activeBackend(),
    threads: info.threads,
    matmulGflops: {
      '512x512x512': matmulGflops(512, 512, 512),
      '1024x1024x1024': matmulGflops(1024, 1024, 1024),
      '4096x256x256': matmulGflops(4096, 256, 256),
    },
    fast: trainTokensPerSecond('fast'),
    naive: config === 'wasm1' ? trainTokensPerSecond('naive') : undefined,
    genTokensPerSecond: generationTokensPerSecond(),
  };
}

function child(command: string, argv: string[], env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const r = spawnSync(command, argv, { encoding: 'utf8', env, timeout: 600_000 });
  const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) return { error: (r.stderr || r.error?.message || `exit ${r.status}`).slice(-400) };
  return JSON.parse(line) as Record<string, unknown>;
}

if (only) {
  console.log(JSON.stringify(await measure(only)));
} else {
  const self = [...process.execArgv, fileURLToPath(import.meta.url), '--steps', String(steps), '--only'];
  const wasm1 = child(process.execPath, [...self, 'wasm1']) as Awaited<ReturnType<typeof measure>>;
  const wasm2 = child(process.execPath, [...self, 'wasm2']) as Awaited<ReturnType<typeof measure>>;
  const native = child(process.execPath, [...self, 'native']) as Awaited<ReturnType<typeof measure>> & { error?: string };
  // webgpu: its own script (asynchronous reads); {error} where no adapter starts
  const webgpu = child(process.execPath, [...process.execArgv, join(here, 'webgpu-config.mts'), '--steps', String(steps)]);
  // the first Python that can import torch: $GIRL_PYTHON, python3 on PATH, then Debian's (python3-torch)
  const python = [process.env.GIRL_PYTHON, 'python3', '/usr/bin/python3']
    .filter((p): p is string => !!p)
    .find((p) => spawnSync(p, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0);
  const torch = python
    ? child(python, [join(here, 'peer-pytorch.py'), String(Math.min(2, os.cpus().length)), String(steps)], { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' })
    : { error: 'no python3 here can import torch (apt-get install python3-torch, or set GIRL_PYTHON, to compare)' };
  const nativeTps = native.error ? undefined : native.fast.tokensPerSecond;
  const torchTps = torch.pytorchTokensPerSecond as number | undefined;
  const torchGen = torch.pytorchGenTokensPerSecond as number | undefined;
  console.log(
    JSON.stringify({
      bench: '@girl/tensor',
      backend: wasm1.backend,
      matmulGflops: wasm1.matmulGflops,
      naiveTokensPerSecond: wasm1.naive?.tokensPerSecond,
      fastTokensPerSecond: wasm1.fast.tokensPerSecond,
      fastOverNaive: round(wasm1.fast.tokensPerSecond / (wasm1.naive?.tokensPerSecond ?? NaN), 2),
      genTokensPerSecond: wasm1.genTokensPerSecond,
      wasm2Threads: { matmulGflops: wasm2.matmulGflops, fastTokensPerSecond: wasm2.fast?.tokensPerSecond, genTokensPerSecond: wasm2.genTokensPerSecond },
      nativeTokensPerSecond: nativeTps,
      nativeGenTokensPerSecond: native.error ? undefined : native.genTokensPerSecond,
      nativeMatmulGflops: native.error ? undefined : native.matmulGflops,
      nativeThreads: native.error ? undefined : native.threads,
      nativeError: native.error,
      pytorchTokensPerSecond: torchTps,
      pytorchGenTokensPerSecond: torchGen,
      nativeOverPytorch: nativeTps && torchTps ? round(nativeTps / torchTps, 2) : undefined,
      nativeGenOverPytorch: !native.error && torchGen ? round(native.genTokensPerSecond / torchGen, 2) : undefined,
      pytorch: torch.error ? { error: torch.error } : { threads: torch.threads, version: torch.torch },
      finalLoss: { naive: wasm1.naive?.finalLoss, fast: wasm1.fast.finalLoss, native: native.error ? undefined : native.fast.finalLoss, webgpu: (webgpu.fast as { finalLoss?: number } | undefined)?.finalLoss },
      webgpu,
      model: { ...REFERENCE, mlp: 4, optimizer: 'AdamW' },
      steps,
      machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, memGiB: round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()}-${os.arch()}`, loadAverage1m: round(os.loadavg()[0] as number, 2) },
      date: new Date().toISOString(),
    }),
  );
}
