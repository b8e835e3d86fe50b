/**
 * The pipeline with the `small` (default) or `base` preset on a GPU: the `webgpu` backend (default; Dawn
 * through the optional `webgpu` package, over Vulkan) or `tensorflow-gpu` (tfjs-node-gpu, CUDA 11.2).
 *
 *   npm run start -w @girl-examples/gpu -- --preset base [--train data.jsonl --eval test.jsonl]
 *   npm run start -w @girl-examples/gpu -- --backend tensorflow-gpu
 *   npm run start -w @girl-examples/gpu -- --short --until reward     # a quick check: short budgets
 *
 * Without a GPU it stops at once with the missing-backend error that says what is missing (exit code 2);
 * it never falls back to the CPU silently, because `small`/`base` would take hours there. A software
 * WebGPU adapter (Mesa's lavapipe, `scripts/webgpu/setup-adapter.sh`) is used only with
 * GIRL_WEBGPU_ALLOW_SOFTWARE=1, for checks.
 */
import { resolveConfig, runPipeline } from '@girl/cli';
import type { UserConfig } from '@girl/cli';
import { BackendUnavailableError, releaseWebgpu } from '@girl/tensor';

const flag = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const preset = flag('preset') ?? 'small';
if (preset !== 'small' && preset !== 'base') throw new Error(`--preset must be small or base, got ${preset}`);
const backend = flag('backend') ?? 'webgpu';
if (backend !== 'webgpu' && backend !== 'tensorflow-gpu') throw new Error(`--backend must be webgpu or tensorflow-gpu, got ${backend}`);
const stages = ['tokenizer', 'sft', 'reward', 'ppo', 'augment'] as const;
const until = (flag('until') ?? 'augment') as (typeof stages)[number];
if (!stages.includes(until)) throw new Error(`--until must be one of ${stages.join(', ')}, got ${until}`);
// --short: a few steps per stage, to check that everything runs (not to train a useful model)
const short: UserConfig = process.argv.includes('--short')
  ? {
      sft: { maxSteps: 2, perDeviceTrainBatchSize: 2, evalSteps: 2 },
      reward: { maxSteps: 2, perDeviceTrainBatchSize: 2, evalSteps: 2 },
      ppo: { maxSteps: 1, batchSize: 2, miniBatchSize: 1, ppoEpochs: 1, maxNewTokens: 16, saveSteps: 1 },
      eval: { cvs: 2, samples: 1, maxNewTokens: 16 },
      augment: { maxTrainCvs: 4, maxEvalCvs: 4 },
      data: { people: 60, pairs: 200 },
    }
  : {};
const user: UserConfig = {
  preset,
  backend,
  data: { train: flag('train') ?? null, eval: flag('eval') ?? null },
  ...(flag('out') ? { out: flag('out') } : {}),
};
try {
  const { run, summary } = await runPipeline({ config: resolveConfig(user, short), until });
  console.log(`done: ${run.path} (${summary.seconds} s, backend ${summary.backend})`);
} catch (e) {
  if (e instanceof BackendUnavailableError) {
    console.error(`\n${e.message}\n\nThis example needs a GPU backend; see examples/gpu/README.md.`);
    process.exit(2);
  }
  throw e;
} finally {
  releaseWebgpu(); // Dawn keeps Node alive while its device exists
}
