/**
 * Benchmark of the Llama-family decoder beside PyTorch on the same model: a `tiny`-sized Llama (vocab 2000,
 * context 256, d_model 128, 4 layers, 4 query / 2 key-value heads, SwiGLU 352, tied head), training
 * tokens/s (batch 8 × 128 random tokens, cross-entropy + AdamW, mean of steps 3–12) and greedy decoding
 * tokens/s with the KV cache (batch 1, 32-token prompt, 64 new tokens). PyTorch reads the weights GIRL
 * wrote (saveHfModel) and runs bench/llama_peer_pytorch.py (2 threads). Prints one JSON line.
 *
 *   npm run bench -w @girl/generator      (after bench.mts; under flock /tmp/bench.lock)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AdamW, crossEntropy, initBackend, tf, type BackendName } from '@girl/tensor';
import { Llama, decodeSteps, saveHfModel } from '../src/index.js';

const i = process.argv.indexOf('--backend');
const info = await initBackend((i >= 0 ? process.argv[i + 1] : 'auto') as BackendName);
const [B, T, STEPS, P, N] = process.env["GIRL_BENCH_QUICK"] ? [2, 16, 1, 8, 4] : [8, 128, 10, 32, 64];
const model = Llama.create({ vocabSize: 2000, contextLength: 256, dModel: 128, nLayer: 4, nHead: 4, nKvHead: 2 }, { seed: 1 });
const dir = mkdtempSync(join(tmpdir(), 'girl-llama-bench-'));
await saveHfModel(model, dir); // PyTorch starts from the same weights

// 1. training: random [B, T + 1] tokens, next-token cross-entropy, AdamW; steps 1–2 are warm-up
const data = Int32Array.from({ length: B * (T + 1) }, (_, k) => (k * 7919 + 13) % 2000);
const x = tf.slice(tf.tensor2d(data, [B, T + 1], 'int32'), [0, 0], [B, T]);
const y = tf.slice(tf.tensor2d(data, [B, T + 1], 'int32'), [0, 1], [B, T]);
const opt = new AdamW(model.params, { lr: 1e-3, weightDecay: 0 });
const times: number[] = [];
for (let s = 0; s < STEPS + 2; s++) {
  const t0 = performance.now();
  const { grads, value } = tf.variableGrads(() => crossEntropy(model.forward(x), y) as tf.Scalar, Object.values(model.params));
  opt.step(grads);
  value.dataSync();
  tf.dispose([value, ...Object.values(grads)]);
  if (s >= 2) times.push(performance.now() - t0);
}
const trainTps = (B * T) / (times.reduce((a, b) => a + b, 0) / times.length / 1000);

// 2. greedy decoding with the KV cache
const prompt = Array.from({ length: P }, (_, k) => (k * 31 + 5) % 2000);
for (const _ of decodeSteps(model, [prompt], { maxNewTokens: 4, stopAtEos: false, eosTokenId: 1, padTokenId: 0 })) void _; // warm-up
const t0 = performance.now();
let n = 0;
for (const _ of decodeSteps(model, [prompt], { maxNewTokens: N, stopAtEos: false, eosTokenId: 1, padTokenId: 0 })) n++;
const genTps = n / ((performance.now() - t0) / 1000);

// 3. PyTorch on the same model (the first python3 that imports torch)
let torch: Record<string, unknown> = { error: 'no python3 here can import torch (apt-get install python3-torch)' };
for (const py of [process.env['GIRL_PYTHON'], 'python3', '/usr/bin/python3'].filter((p): p is string => !!p)) {
  try {
    const peer = fileURLToPath(new URL('./llama_peer_pytorch.py', import.meta.url));
    execFileSync(py, ['-c', 'import torch'], { stdio: 'ignore' });
    const out = execFileSync(py, [peer, dir, '2', String(B), String(T), String(STEPS), String(P), String(N)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' } });
    torch = JSON.parse(out.trim().split('\n').at(-1) as string) as Record<string, unknown>;
    break;
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? '').trim();
    if (stderr) torch = { error: `${py}: ${stderr.split('\n').at(-1)}` }; // the peer ran and failed: say why
  }
}
rmSync(dir, { recursive: true, force: true });
const r = (v: number) => Math.round(v * 10) / 10;
console.log(JSON.stringify({
  bench: '@girl/generator llama',
  backend: `${info.name} (${info.threads} thread)`,
  model: { arch: 'llama', vocab: 2000, dModel: 128, nLayer: 4, nHead: 4, nKvHead: 2, ffnDim: model.config.ffnDim, parameters: model.numParameters },
  train: { tokensPerSecond: r(trainTps), batch: B, seq: T, steps: STEPS },
  generate: { promptTokens: P, newTokens: N, batch: 1, tokensPerSecond: r(genTps) },
  pytorch: torch,
  ratio: typeof torch["trainTokensPerSecond"] === "number" ? { train: Math.round((trainTps / (torch["trainTokensPerSecond"] as number)) * 100) / 100, generate: Math.round((genTps / (torch["generateTokensPerSecond"] as number)) * 100) / 100 } : null,
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, loadavg: loadavg().map((v) => r(v)) },
  date: new Date().toISOString(),
}));
model.dispose();
