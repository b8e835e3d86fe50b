// Per-kernel time of greedy KV-cache decoding of the reference decoder through @girl/tensor's ops (32-token
// prompt, 32 new tokens), next to the fused native decoder's speed (one native call per token, which
// tf.profile cannot see into). Run: npx tsx bench/profile-decode.mts [native|wasm]
import { initBackend, tf } from '@girl/tensor';
import { REFERENCE, greedyDecode, initParams } from './reference-decoder.js';
await initBackend((process.argv[2] ?? 'native') as 'native');
const p = initParams(REFERENCE);
const prompt = [Array.from({ length: 32 }, (_, i) => (i * 37) % REFERENCE.vocab)];
const ops = { fused: false };
greedyDecode(p, REFERENCE, prompt, 4, ops);
let t0 = performance.now();
greedyDecode(p, REFERENCE, prompt, 32, ops);
const plain = performance.now() - t0;
greedyDecode(p, REFERENCE, prompt, 4);
t0 = performance.now();
greedyDecode(p, REFERENCE, prompt, 32);
const fused = performance.now() - t0;
const prof = await tf.profile(() => { greedyDecode(p, REFERENCE, prompt, 32, ops); });
const byName: Record<string, { ms: number; n: number }> = {};
for (const k of prof.kernels) { const ms = (await k.kernelTimeMs) as number; const e = (byName[k.name] ??= { ms: 0, n: 0 }); e.ms += ms; e.n++; }
const tot = Object.values(byName).reduce((a, b) => a + b.ms, 0);
console.log(`32 tokens through the ops: ${plain.toFixed(0)} ms unprofiled (${(32000 / plain).toFixed(0)} tok/s); kernel sum ${tot.toFixed(0)} ms over ${prof.kernels.length} kernels (${(prof.kernels.length / 32).toFixed(0)} per token)`);
console.log(`32 tokens, fused decoder (default where available): ${fused.toFixed(0)} ms (${(32000 / fused).toFixed(0)} tok/s)`);
for (const [n, v] of Object.entries(byName).sort((a, b) => b[1].ms - a[1].ms).slice(0, 14)) console.log(`  ${n.padEnd(24)} ${v.ms.toFixed(1).padStart(7)} ms  x${v.n}`);
