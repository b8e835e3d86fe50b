// Per-kernel time of one training step of the reference decoder (fast path), on wasm.
// Run: npx tsx bench/profile.mts [naive|fast]
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@girl/tensor';
import { REFERENCE, initParams, loss, randomBatch } from './reference-decoder.js';
const kind = (process.argv[2] ?? 'fast') as 'naive' | 'fast';
await initBackend((process.argv[3] ?? 'wasm') as 'wasm');
const p = initParams(REFERENCE);
const opt = tf.train.adam(3e-4);
const vars = Object.values(p);
const step = () => { const { x, y } = randomBatch(REFERENCE, 1); const l = opt.minimize(() => loss(kind, p, REFERENCE, x, y), true, vars)!; l.dataSync(); tf.dispose([l, x, y]); };
step();
const t0 = performance.now();
const prof = await tf.profile(step);
const wall = performance.now() - t0;
const byName: Record<string, { ms: number; n: number }> = {};
for (const k of prof.kernels) { const ms = (await k.kernelTimeMs) as number; const e = (byName[k.name] ??= { ms: 0, n: 0 }); e.ms += ms; e.n++; }
const tot = Object.values(byName).reduce((a, b) => a + b.ms, 0);
console.log(`wall ${wall.toFixed(0)} ms, kernel sum ${tot.toFixed(0)} ms, ${prof.kernels.length} kernels`);
for (const [n, v] of Object.entries(byName).sort((a, b) => b[1].ms - a[1].ms).slice(0, 18)) console.log(`  ${n.padEnd(24)} ${v.ms.toFixed(1).padStart(7)} ms  x${v.n}`);
