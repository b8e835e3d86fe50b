/**
 * Benchmarks of @girl/data. Run: `npm run bench -w @girl/data` (or `npx tsx bench/run.ts` here).
 * Prints one JSON line per benchmark with its figures and the machine.
 * GIRL_BENCH_STREAM_MB sets the size of the streamed JSONL file (default 256; the README's figure used 1024).
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createJobMarket, readPairs } from '../src/index.js';

const machine = { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memGiB: Math.round(totalmem() / 2 ** 30) };
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

// 1. synthetic market: 500 people, 300 jobs, 5000 pairs (compact texts)
{
  const runs: number[] = [];
  let m = createJobMarket({ seed: 0, people: 500, jobs: 300, pairs: 5000 }); // warm-up
  for (let i = 1; i <= 5; i++) {
    const t0 = performance.now();
    m = createJobMarket({ seed: i, people: 500, jobs: 300, pairs: 5000 });
    runs.push(performance.now() - t0);
  }
  // oracle on text: fit() of the 5000 pair texts
  const t1 = performance.now();
  let fits = 0;
  for (const p of m.pairs) if (m.fit(p.cv, p.jd).fits) fits++;
  const fitMs = performance.now() - t1;
  console.log(JSON.stringify({ bench: 'market', people: 500, jobs: 300, pairs: 5000, generateMsMedian: Math.round(median(runs)), generateMsRuns: runs.map(Math.round), fitTextPerSec: Math.round(m.pairs.length / (fitMs / 1000)), fits, machine }));
}

// 2. streaming a large JSONL file: throughput and peak memory
{
  const mb = Number(process.env.GIRL_BENCH_STREAM_MB ?? 256);
  const dir = mkdtempSync(join(tmpdir(), 'girl-data-bench-'));
  const file = join(dir, 'pairs.jsonl');
  try {
    const m = createJobMarket({ seed: 1, people: 200, pairs: 2000 });
    const lines = m.pairs.map((p) => `${JSON.stringify({ cv: p.cv, jd: p.jd, label: p.label })}\n`);
    const out = createWriteStream(file);
    let bytes = 0;
    let i = 0;
    while (bytes < mb * 2 ** 20) {
      const line = lines[i++ % lines.length] as string;
      bytes += Buffer.byteLength(line);
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const size = statSync(file).size;
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const timer = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 20);
    const t0 = performance.now();
    let records = 0;
    const stream = readPairs(file);
    for await (const _ of stream) {
      records++;
      if ((records & 4095) === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    const s = (performance.now() - t0) / 1000;
    clearInterval(timer);
    console.log(
      JSON.stringify({
        bench: 'stream-jsonl',
        fileMiB: Math.round(size / 2 ** 20),
        records,
        seconds: Math.round(s * 10) / 10,
        mibPerSec: Math.round(size / 2 ** 20 / s),
        recordsPerSec: Math.round(records / s),
        rssBeforeMiB: Math.round(rssBefore / 2 ** 20),
        peakRssMiB: Math.round(peakRss / 2 ** 20),
        machine,
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
