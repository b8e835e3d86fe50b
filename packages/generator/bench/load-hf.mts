/**
 * Streaming load of a large Hugging Face checkpoint: parameters, bytes read, seconds, and the process's
 * peak resident memory (sampled every 20 ms) against the file size and the float32 model size. Prints
 * one JSON line. Make a Qwen2.5-0.5B-shaped random BF16 checkpoint first (1 GB):
 *
 *   /usr/bin/python3 scripts/bench/make-qwen05.py /tmp/qwen05
 *   npx tsx bench/load-hf.mts /tmp/qwen05 [backend]        (from packages/generator)
 */
import { statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { initBackend, tf, type BackendName } from '@girl/tensor';
import { loadHfModel } from '../src/index.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: tsx bench/load-hf.mts <hf-folder> [backend]');
const info = await initBackend((process.argv[3] ?? 'cpu') as BackendName);
const mib = (b: number) => Math.round(b / 2 ** 20);
const rssBefore = process.memoryUsage().rss;
let peak = rssBefore;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const t0 = performance.now();
const loaded = await loadHfModel(dir, { tokenizer: false, maxContext: 1024 });
const seconds = (performance.now() - t0) / 1000;
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
// one forward of 16 tokens, to show the model works
const t1 = performance.now();
const logits = tf.tidy(() => loaded.model.forward(tf.tensor2d([Array.from({ length: 16 }, (_, i) => i + 1)], [1, 16], 'int32'), { lastOnly: true }).dataSync());
const forwardSeconds = (performance.now() - t1) / 1000;
const fileBytes = statSync(`${dir}/model.safetensors`).size;
console.log(JSON.stringify({
  bench: '@girl/generator load-hf',
  backend: info.name,
  arch: (loaded.config as { arch?: string }).arch ?? 'gpt2',
  parameters: loaded.parameters,
  fileMiB: mib(fileBytes),
  bytesReadMiB: mib(loaded.bytesRead),
  float32MiB: mib(loaded.bytesInMemory),
  rssBeforeMiB: mib(rssBefore),
  peakRssMiB: mib(peak),
  loadSeconds: Math.round(seconds * 10) / 10,
  forward16Seconds: Math.round(forwardSeconds * 100) / 100,
  finiteLogits: logits.every((x) => Number.isFinite(x)),
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, loadavg: loadavg().map((x) => Math.round(x * 10) / 10) },
  date: new Date().toISOString(),
}));
loaded.model.dispose();
