/**
 * Is it the reward model or the optimisation? Runs PPO from a finished run's SFT model with the market's
 * ORACLE fit (× 10) as the reward instead of the reward model, and prints the greedy oracle fit of the
 * run's held-out CVs (the figure the demo reports) before PPO and every `evalEvery` steps.
 *
 *   npx tsx scripts/ppo-oracle-reward.mts <run folder> '<JSON of ppo settings>' [steps] [evalEvery]
 *   npx tsx scripts/ppo-oracle-reward.mts runs/2026-11-30_01-27-33 '{"advantage":"remax","samplesPerPrompt":4}' 96 24
 *
 * One JSON line per evaluation: { step, fit, seniorityMatch, skillRecall, trainScore (mean over the last
 * `evalEvery` steps of the sampled JDs' reward), kl }. Synthetic-market runs only (RJDB has no oracle).
 */
import { readFileSync } from 'node:fs';
import { loadPipelineData } from '@girl/cli';
import { initBackend } from '@girl/tensor';
import { generateJdAnywhere, loadModelFromCheckpoint } from '@girl/generator';
import { PpoTrainer, upgradePpoConfig } from '@girl/ppo';
import type { PpoMetrics } from '@girl/ppo';

const [run, json = '{}', stepsArg = '24', everyArg = '24'] = process.argv.slice(2);
if (!run) throw new Error("usage: npx tsx scripts/ppo-oracle-reward.mts <run folder> '<JSON of ppo settings>' [steps] [evalEvery]");
const settings = JSON.parse(json) as Record<string, unknown>;
const steps = Number(stepsArg);
const every = Number(everyArg);
await initBackend('auto');
const config = JSON.parse(readFileSync(`${run}/config.json`, 'utf8'));
const data = await loadPipelineData(config);
const oracle = data.oracle;
if (!oracle) throw new Error(`'${run}' was trained on a dataset without an oracle; use a synthetic-market run.`);
const cvs = data.sftEval.slice(0, config.eval.cvs).map((p) => p.cv);
const { model, tokenizer } = await loadModelFromCheckpoint(`${run}/sft/best`);

/** Greedy JDs (the run's eval decoding) of the held-out CVs, scored by the oracle. */
async function greedyFit(): Promise<{ fit: number; seniorityMatch: number; skillRecall: number }> {
  const jds: string[] = [];
  for (let i = 0; i < cvs.length; i += 16) {
    const gen = { maxNewTokens: config.eval.maxNewTokens, noRepeatNgramSize: config.eval.noRepeatNgramSize, repetitionPenalty: config.eval.repetitionPenalty };
    jds.push(...(await generateJdAnywhere(model, tokenizer, cvs.slice(i, i + 16), gen)).texts);
  }
  const fits = cvs.map((cv, i) => oracle!.fit(cv, jds[i] as string));
  const mean = (f: (x: (typeof fits)[number]) => number) => Number((fits.reduce((s, x) => s + f(x), 0) / fits.length).toFixed(4));
  return { fit: mean((x) => x.score), seniorityMatch: mean((x) => Number(x.seniorityMatch)), skillRecall: mean((x) => x.skillRecall) };
}

const out = (o: Record<string, unknown>) => console.log(JSON.stringify(o));
out({ run, settings, steps, date: new Date().toISOString() });
out({ step: 0, ...(await greedyFit()) });
const { budgetSeconds: _b, saveSteps: _v, seed: _s, ...ppo } = upgradePpoConfig(config.ppo) as Record<string, unknown>; // a run made before #14 names them steps/checkpointEvery
const trainer = new PpoTrainer({
  policy: model,
  tokenizer,
  reward: (cv, jd) => 10 * oracle.fit(cv, jd).score,
  prompts: data.sftTrain.map((p) => p.cv),
  config: { ...ppo, seed: config.seed, ...settings, maxSteps: steps },
});
let window: PpoMetrics[] = [];
while (trainer.stepCount < steps) {
  window.push(await trainer.step());
  if (trainer.stepCount % every === 0 || trainer.stepCount === steps) {
    const trainScore = window.reduce((s, m) => s + m['objective/raw_scores'], 0) / window.length / 10;
    out({ step: trainer.stepCount, ...(await greedyFit()), trainScore: Number(trainScore.toFixed(4)), kl: Number(window.at(-1)!['objective/kl'].toFixed(2)) });
    window = [];
  }
}
trainer.dispose();
