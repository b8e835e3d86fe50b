/**
 * The GIRL pipeline on RJDB-form data read from a path (JSONL rows with `Job-Description`,
 * `Resume-matched`, `Resume-unmatched`, …): SFT on matched CV → JD, the reward model on matched vs
 * unmatched CVs, PPO, and the augmentation table. There is no oracle for real data, so summary.json has
 * no oracle fields.
 *
 *   npm run start -w @girl-examples/rjdb                    (from the repository root; tiny preset, ~10 min)
 *   npm run start:ci -w @girl-examples/rjdb                 (what CI runs: a small budget, ~1–2 min)
 *   npx tsx examples/rjdb/run.ts --train <train.jsonl> --eval <test.jsonl> [--small] [--out runs]
 *
 * Data defaults to ../shared/data/rjdb/{train,test}.jsonl beside the repository (RJDB, Megagon Labs,
 * CC BY-SA 4.0; never copied into this repository). Where it is absent the example says so and exits 0.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolveConfig, runPipeline } from '@girl/cli';
import type { UserConfig } from '@girl/cli';

const flag = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const shared = fileURLToPath(new URL('../../../shared/data/rjdb/', import.meta.url));
const train = flag('train') ?? `${shared}train.jsonl`;
const evalPath = flag('eval') ?? `${shared}test.jsonl`;
if (!existsSync(train) || !existsSync(evalPath)) {
  console.log(`skipped: RJDB data not found (${existsSync(train) ? evalPath : train}). Pass --train and --eval, or place RJDB in ../shared/data/rjdb/.`);
  process.exit(0);
}

// RJDB texts are long (~400–900 tokens); the models read the first/last part that fits the context.
const small: UserConfig = {
  preset: 'micro',
  data: { maxTrain: 160 },
  tokenizer: { vocabSize: 1000 },
  sft: { maxSteps: 30, evalSteps: 15, perDeviceTrainBatchSize: 4 },
  reward: { maxSteps: 20, evalSteps: 10, perDeviceTrainBatchSize: 8 },
  ppo: { maxSteps: 2, batchSize: 4, miniBatchSize: 2, maxNewTokens: 48 },
  eval: { cvs: 8, samples: 2, maxNewTokens: 48 },
  augment: { maxTrainCvs: 24, maxEvalCvs: 24 },
};
const config = resolveConfig(process.argv.includes('--small') ? small : { preset: 'tiny' }, {
  data: { train, eval: evalPath },
  out: flag('out') ?? fileURLToPath(new URL('../../runs/', import.meta.url)),
  runId: `rjdb-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}`,
});
const { run, summary, status } = await runPipeline({ config, quiet: !process.stderr.isTTY });
console.log(JSON.stringify({ run: run.path, status, sft: summary.sft?.evalLoss, rewardAuc: summary.reward?.auc, ppo: summary.ppo, augment: summary.augment && { aucBase: summary.augment.aucBase, aucAugmented: summary.augment.aucAugmented }, seconds: summary.seconds }));
if (status !== 'completed') process.exitCode = 130;
