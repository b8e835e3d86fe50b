/**
 * Train (or load) the tiny JD generator the synthetic evaluation uses.
 *
 *   cd packages/feature-augment && flock /tmp/bench.lock npx tsx scripts/train-generator.ts
 *
 * SFT of the `tiny` preset (7 epochs) on the CV → JD pairs of 1,000 people (950 train, 50 validation) of a
 * synthetic market whose people are disjoint from the
 * evaluation market's (seed 101 here, the evaluation uses another seed), so a generated JD is never a
 * memorised answer. The checkpoint goes to scripts/.cache/generator (git-ignored) and is reused.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJobMarket } from '@girl/data';
import { GPT, PRESETS, loadModelFromCheckpoint, trainSft } from '@girl/generator';
import { initBackend } from '@girl/tensor';
import { Tokenizer } from '@girl/tokenizer';

export const GENERATOR_DIR = join(fileURLToPath(new URL('.', import.meta.url)), '.cache', 'generator');
export const GENERATOR_MARKET_SEED = 101;

export async function trainOrLoadGenerator(options: { people?: number; epochs?: number; dir?: string; log?: (line: string) => void } = {}) {
  const dir = options.dir ?? GENERATOR_DIR;
  const log = options.log ?? ((l: string) => console.error(l));
  const best = join(dir, 'best');
  if (existsSync(join(best, 'manifest.json'))) {
    log(`loading generator from ${best}`);
    return { ...(await loadModelFromCheckpoint(best)), trained: false, seconds: 0 };
  }
  const people = options.people ?? 1000;
  const t0 = Date.now();
  const market = createJobMarket({ seed: GENERATOR_MARKET_SEED, people });
  const train = market.sftPairs.slice(0, people - 50);
  const valid = market.sftPairs.slice(people - 50);
  const tok = Tokenizer.train(train.flatMap((p) => [p.cv, p.jd]), { vocabSize: 2000 });
  const model = GPT.create({ vocabSize: tok.vocabSize, ...PRESETS.tiny }, { seed: 1 });
  await trainSft({
    model,
    tokenizer: tok,
    train,
    valid,
    config: { numTrainEpochs: options.epochs ?? 7, perDeviceTrainBatchSize: 8, learningRate: 2e-3, evalSteps: 100, seed: 1, checkpointDir: dir, metricsFile: join(dir, 'metrics.jsonl'), earlyStoppingPatience: 4, resume: 'auto' },
    events: { onEval: (e) => log(`sft step ${e.step} val loss ${e.valLoss.toFixed(4)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`) },
  });
  return { ...(await loadModelFromCheckpoint(best)), trained: true, seconds: (Date.now() - t0) / 1000 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await initBackend('auto');
  const r = await trainOrLoadGenerator();
  console.log(JSON.stringify({ trained: r.trained, seconds: Math.round(r.seconds), step: r.state.step }));
}
