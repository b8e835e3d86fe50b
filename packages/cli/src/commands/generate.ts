/**
 * `girl generate`: the job seeker's door. A CV (file or stdin) and a trained run in, the JD streamed out as
 * it is written; `--explain` lists the CV skills and experience it builds on, `--jobs` the nearest real jobs.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { generateStream, loadModel, loadModelFromCheckpoint, sftPrompt } from '@girl/generator';
import type { GPT } from '@girl/generator';
import type { Tokenizer } from '@girl/tokenizer';
import { initBackend } from '@girl/tensor';
import type { BackendName } from '@girl/tensor';
import { BACKENDS } from '../config.js';
import { explainJd, formatExplanation } from '../generate/explain.js';
import { loadJobs, nearestJobs } from '../generate/ground.js';

/** Flags of `girl generate`. */
export interface GenerateFlags {
  run?: string;
  model?: string;
  cv?: string;
  maxNewTokens: string;
  temperature?: string;
  seed: string;
  explain?: boolean;
  jobs?: string;
  top: string;
  backend: string;
  json?: boolean;
}

/** The model of a run: the PPO policy, else the SFT model (best, then last). */
export async function loadRunModel(run: string): Promise<{ model: GPT; tokenizer: Tokenizer; from: string }> {
  const policy = join(run, 'ppo', 'policy');
  if (existsSync(join(policy, 'config.json'))) {
    const { model, tokenizer } = await loadModel(policy);
    if (!tokenizer) throw new Error(`${policy} has no tokenizer file; rerun the ppo stage.`);
    return { model, tokenizer, from: policy };
  }
  for (const d of [join(run, 'sft', 'best'), join(run, 'sft', 'last')]) {
    if (existsSync(d)) return { ...(await loadModelFromCheckpoint(d)), from: d };
  }
  throw new Error(`No trained model in '${run}': expected ppo/policy or sft/best. Train one with 'girl pipeline' (or 'girl sft'), or pass --model <folder>.`);
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new Error('No CV given: pass --cv <file>, or pipe a CV into stdin (girl generate --run runs/<id> < cv.txt).');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs `girl generate`. */
export async function generateAction(f: GenerateFlags): Promise<void> {
  if (!f.run && !f.model) throw new Error('Pass --run <run folder> (a trained run) or --model <model folder> (saved with saveModel).');
  const cv = (f.cv && f.cv !== '-' ? await readFile(f.cv, 'utf8') : await readStdin()).trim();
  if (!cv) throw new Error('The CV is empty; give a CV with its skills and experience.');
  await initBackend(f.backend as BackendName, { onNotice: (m: string) => process.stderr.write(`note: ${m}\n`) });
  let loaded: { model: GPT; tokenizer: Tokenizer; from: string };
  if (f.model) {
    const m = await loadModel(f.model);
    if (!m.tokenizer) throw new Error(`${f.model} has no tokenizer file (tokenizer.girl.json or tokenizer.json).`);
    loaded = { model: m.model, tokenizer: m.tokenizer, from: f.model };
  } else loaded = await loadRunModel(f.run as string);
  const { model, tokenizer } = loaded;
  const maxNewTokens = Number(f.maxNewTokens);
  const maxPromptTokens = model.config.contextLength - maxNewTokens;
  if (!Number.isInteger(maxNewTokens) || maxNewTokens < 1 || maxPromptTokens < 8) {
    throw new Error(`--max-new-tokens must be an integer in [1, ${model.config.contextLength - 8}] for this model (context ${model.config.contextLength}); got ${f.maxNewTokens}.`);
  }
  const temperature = f.temperature === undefined ? undefined : Number(f.temperature);
  const out = f.json ? null : process.stdout;
  if (!f.json) process.stderr.write(`(model: ${loaded.from})\n`);
  let jd = '';
  for await (const chunk of generateStream(model, tokenizer, sftPrompt(tokenizer, cv, { maxPromptTokens }), {
    maxNewTokens,
    ...(temperature !== undefined ? { doSample: true, temperature, seed: Number(f.seed) } : {}),
  })) {
    jd += chunk;
    out?.write(chunk);
  }
  out?.write('\n');
  model.dispose();
  const explanation = f.explain ? explainJd(cv, jd) : null;
  const jobs = f.jobs ? nearestJobs(jd, await loadJobs(f.jobs), Number(f.top)) : null;
  if (f.json) {
    process.stdout.write(`${JSON.stringify({ jd, ...(explanation ? { explanation } : {}), ...(jobs ? { nearestJobs: jobs.map((j) => ({ id: j.job.id, title: j.job.title, similarity: j.similarity })) } : {}) }, null, 2)}\n`);
    return;
  }
  if (explanation) process.stdout.write(`\n--- why this JD\n${formatExplanation(explanation)}\n`);
  if (jobs) {
    process.stdout.write(`\n--- nearest real jobs (TF-IDF cosine to the generated JD)\n`);
    jobs.forEach((j, i) => process.stdout.write(`${i + 1}. [${j.job.id}] ${j.job.title ?? j.job.text.slice(0, 60).replace(/\s+/g, ' ')}  (similarity ${j.similarity.toFixed(3)})\n`));
  }
}

/** The `generate` command. */
export function generateCommand(): Command {
  return new Command('generate')
    .description('write the JD of a job that suits a CV, streamed as it is written')
    .option('--run <dir>', 'a trained run folder (uses its PPO policy, else its SFT model)')
    .option('--model <dir>', 'a model folder saved with saveModel (instead of --run)')
    .option('--cv <file>', 'the CV (markdown or plain text); "-" or omitted: read stdin')
    .option('-n, --max-new-tokens <n>', 'longest JD in tokens', '128')
    .option('-t, --temperature <t>', 'sample at this temperature (default: greedy)')
    .option('-s, --seed <n>', 'sampling seed', '0')
    .option('--explain', 'list the CV skills and experience the JD builds on')
    .option('--jobs <file>', 'real jobs (JSONL/CSV with a "text" field, or plain text) to ground the JD in: prints the nearest')
    .option('--top <k>', 'how many nearest jobs to print', '3')
    .addOption(new Option('-b, --backend <name>', 'tensor backend').choices([...BACKENDS]).default('auto'))
    .option('--json', 'print one JSON object (jd, explanation, nearestJobs) instead of streaming text')
    .addHelpText(
      'after',
      `
Examples:
  girl generate --run runs/<id> --cv my-cv.md
  cat my-cv.md | girl generate --run runs/<id> --explain
  girl generate --run runs/<id> --cv my-cv.md --jobs jobs.jsonl --top 5
  girl generate --model runs/<id>/ppo/policy --cv my-cv.md --temperature 0.7 --seed 3`,
    )
    .action((f: GenerateFlags) => generateAction(f));
}
