/**
 * The pipeline with the `small` (default) or `base` preset on the `tensorflow-gpu` backend.
 *
 *   npm install @tensorflow/tfjs-node-gpu@4.22.0        (see README.md: needs CUDA 11.2 + cuDNN 8.1)
 *   npm run start -w @girl-examples/gpu -- --preset base [--train data.jsonl --eval test.jsonl]
 *
 * Without tfjs-node-gpu (as on GIRL's CI) it stops at once with the missing-backend error that says what
 * to install; it never falls back to the CPU silently, because `small`/`base` would take hours there.
 */
import { resolveConfig, runPipeline } from '@girl/cli';
import type { UserConfig } from '@girl/cli';
import { BackendUnavailableError } from '@girl/tensor';

const flag = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const preset = flag('preset') ?? 'small';
if (preset !== 'small' && preset !== 'base') throw new Error(`--preset must be small or base, got ${preset}`);
const user: UserConfig = {
  preset,
  backend: 'tensorflow-gpu',
  data: { train: flag('train') ?? null, eval: flag('eval') ?? null },
  ...(flag('out') ? { out: flag('out') } : {}),
};
try {
  const { run, summary } = await runPipeline({ config: resolveConfig(user) });
  console.log(`done: ${run.path} (${summary.seconds} s)`);
} catch (e) {
  if (e instanceof BackendUnavailableError) {
    console.error(`\n${e.message}\n\nThis example needs the tensorflow-gpu backend; see examples/gpu/README.md.`);
    process.exit(2);
  }
  throw e;
}
