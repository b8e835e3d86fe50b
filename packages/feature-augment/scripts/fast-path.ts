/**
 * Cost of the pipeline's fast path: `evaluateMarketAugmentation` with its defaults (300 people, 2,400
 * pairs, one seed, logistic regression), JDs generated in memory (no cache) by the tiny generator.
 *
 *   cd packages/feature-augment && flock /tmp/bench.lock npx tsx scripts/fast-path.ts
 *
 * Needs the generator of train-generator.ts (trains it when absent). Prints one JSON line.
 */
import { cpus, loadavg } from 'node:os';
import { activeBackend, initBackend } from '@girl/tensor';
import { evaluateMarketAugmentation, generatorFn } from '../src/index.js';
import { trainOrLoadGenerator } from './train-generator.js';

await initBackend('auto');
const { model, tokenizer } = await trainOrLoadGenerator();
const t0 = Date.now();
const r = await evaluateMarketAugmentation({ generateFn: generatorFn(model, tokenizer, { maxNewTokens: 128 }) });
console.log(
  JSON.stringify({
    fastPath: 'evaluateMarketAugmentation defaults (300 people, 2400 pairs, seed [1], logistic regression)',
    aucBase: r.aucBase,
    aucAugmented: r.aucAugmented,
    coldStartAucBase: r.coldStartAucBase,
    coldStartAucAugmented: r.coldStartAucAugmented,
    seconds: { generate: r.seconds.generate, evaluate: r.seconds.evaluate, total: (Date.now() - t0) / 1000 },
    cvs: r.generated,
    machine: { backend: activeBackend(), cpus: cpus().length, node: process.version, loadavg: loadavg().map((x) => +x.toFixed(2)) },
  }),
);
