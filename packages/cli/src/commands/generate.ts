/**
 * `girl generate`: the job seeker's door. A CV (file or stdin) and a trained run in, the JD streamed out as
 * it is written; `--explain` lists the CV skills and experience it builds on, `--jobs` the nearest real jobs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { generateStream, loadModel, loadModelFromCheckpoint, sftPrompt } from '@girl/generator';
import type { CausalLM } from '@girl/generator';
import type { Tokenizer } from '@girl/tokenizer';
import { initBackend } from '@girl/tensor';
import type { BackendName } from '@girl/tensor';
import { BACKENDS } from '../config.js';
import { explainJd, formatExplanation } from '../generate/explain.js';
import { loadJobs, nearestJobs } from '../generate/ground.js';
import type { Job } from '../generate/ground.js';
import { parseGenerateNumbers } from '../generate/flags.js';
import { decodeUtf8Text, readTextFile } from '../generate/read-text.js';

/** Flags of `girl generate`. */
export interface GenerateFlags {
  run?: string;
  model?: string;
  cv?: string;
  maxNewTokens: string;
  temperature?: string;
  banRepeatNgram: string;
  repetitionPenalty: string;
  seed: string;
  explain?: boolean;
  jobs?: string;
  top: string;
  backend: string;
  json?: boolean;
}

/** The model of a run: the PPO policy, else the SFT model (best, then last). */
export async function loadRunModel(run: string): Promise<{ model: CausalLM; tokenizer: Tokenizer; from: string }> {
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
  return decodeUtf8Text(new Uint8Array(Buffer.concat(chunks)), '--cv', '(stdin)');
}

/** A CV longer than the model reads: how many of its tokens are used (null: it fits). */
export function cvCut(tokenizer: Tokenizer, cv: string, maxPromptTokens: number): { used: number; chars: number } | null {
  // BPE tokens cover a few characters each: a prefix of 32 characters per usable token is enough to tell
  const probe = cv.slice(0, maxPromptTokens * 32);
  const tokens = tokenizer.encode(probe).length;
  if (tokens <= maxPromptTokens) return null;
  return { used: maxPromptTokens, chars: cv.length };
}

/** Runs `girl generate`. */
export async function generateAction(f: GenerateFlags): Promise<void> {
  // 1. every flag checked before any work (and before the JD is generated)
  const n = parseGenerateNumbers(f);
  if (!f.run && !f.model) throw new Error('Pass --run <run folder> (a trained run) or --model <model folder> (saved with saveModel).');
  for (const [flag, dir] of [['--run', f.run], ['--model', f.model]] as const) {
    if (dir !== undefined && !existsSync(dir)) throw new Error(`${flag} '${dir}' does not exist. Pass a run folder made by 'girl pipeline' (runs/<id>) or a model folder.`);
  }
  const cv = (f.cv && f.cv !== '-' ? await readTextFile(f.cv, '--cv') : await readStdin()).trim();
  if (!cv) throw new Error(`The CV${f.cv && f.cv !== '-' ? ` in --cv '${f.cv}'` : ' on stdin'} is empty; give a CV with its skills and experience.`);
  let jobsList: Job[] | null = null;
  if (f.jobs) {
    await readTextFile(f.jobs, '--jobs'); // exists, is a file, is UTF-8 text
    jobsList = await loadJobs(f.jobs);
  }
  // 2. the model
  await initBackend(f.backend as BackendName, { onNotice: (m: string) => process.stderr.write(`note: ${m}\n`) });
  let loaded: { model: CausalLM; tokenizer: Tokenizer; from: string };
  if (f.model) {
    const m = await loadModel(f.model);
    if (!m.tokenizer) throw new Error(`${f.model} has no tokenizer file (tokenizer.girl.json or tokenizer.json).`);
    loaded = { model: m.model, tokenizer: m.tokenizer, from: f.model };
  } else loaded = await loadRunModel(f.run as string);
  const { model, tokenizer } = loaded;
  const maxNewTokens = n.maxNewTokens;
  const maxPromptTokens = model.config.contextLength - maxNewTokens;
  if (maxPromptTokens < 8) {
    throw new Error(`--max-new-tokens must be an integer in [1, ${model.config.contextLength - 8}] for this model (context ${model.config.contextLength}); got ${f.maxNewTokens}.`);
  }
  const cut = cvCut(tokenizer, cv, maxPromptTokens);
  if (cut) {
    process.stderr.write(
      `note: the CV (${cut.chars} characters) is longer than the model reads: only its first ${cut.used} tokens are used (context ${model.config.contextLength} minus --max-new-tokens ${maxNewTokens}). ` +
        'Put the skills and recent experience first, or shorten the CV.\n',
    );
  }
  // 3. the JD, streamed
  const temperature = n.temperature;
  const out = f.json ? null : process.stdout;
  if (!f.json) process.stderr.write(`(model: ${loaded.from})\n`);
  let jd = '';
  for await (const chunk of generateStream(model, tokenizer, sftPrompt(tokenizer, cv, { maxPromptTokens }), {
    maxNewTokens,
    ...repetitionSettings(f),
    ...(temperature !== undefined ? { doSample: true, temperature, seed: n.seed } : {}),
  })) {
    jd += chunk;
    out?.write(chunk);
  }
  out?.write('\n');
  model.dispose();
  const explanation = f.explain ? explainJd(cv, jd) : null;
  const jobs = jobsList ? nearestJobs(jd, jobsList, n.top) : null;
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
    .option('--ban-repeat-ngram <n>', 'the JD never repeats an n-gram of its own (HF no_repeat_ngram_size; 0: off)', '10')
    .option('--repetition-penalty <p>', 'CTRL repetition penalty over CV and JD (1: off)', '1')
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

/** `--ban-repeat-ngram` and `--repetition-penalty`, checked. */
function repetitionSettings(f: GenerateFlags): { noRepeatNgramSize: number; repetitionPenalty: number } {
  const n = Number(f.banRepeatNgram);
  const p = Number(f.repetitionPenalty);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--ban-repeat-ngram must be an integer >= 0 (0: off); got ${f.banRepeatNgram}.`);
  if (!(p > 0)) throw new Error(`--repetition-penalty must be a number > 0 (1: off); got ${f.repetitionPenalty}.`);
  return { noRepeatNgramSize: n, repetitionPenalty: p };
}
